//! Command line: `serve` (default), `migrate`, `user create`, `openapi`, `seed-demo`,
//! `load-templates`, `seed-bench`.

use std::io::Read;
use std::process::ExitCode;

use actix_web::HttpServer;
use clap::{Parser, Subcommand};
use defense_compliance::agencies::access as agency_access;
use defense_compliance::audit::AuditActor;
use defense_compliance::auth::password::hash_blocking;
use defense_compliance::auth::tokens::random_token;
use defense_compliance::auth::Scope;
use defense_compliance::config::Config;
use defense_compliance::db::write_transaction;
use defense_compliance::domain::role::Role;
use defense_compliance::domain::values::{Name, NewPassword, Username};
use defense_compliance::users::access as user_access;
use defense_compliance::users::create::{insert_user, NewUser};
use defense_compliance::{bootstrap, build_app, openapi, seed};

#[derive(Parser)]
#[command(version, about = "Defense-zone and public-security compliance tracker")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// Load demo agencies and one account per role; running it twice changes nothing.
    SeedDemo,
    /// Load the built-in framework templates as drafts for admins to check, edit and publish.
    LoadTemplates {
        /// The admin account recorded as their author.
        #[arg(long)]
        admin: String,
    },
    /// Load a benchmark volume: agencies with a manager and a staff account each, and tasks.
    SeedBench {
        #[arg(long, default_value_t = 100)]
        agencies: usize,
        #[arg(long, default_value_t = 100_000)]
        tasks: usize,
    },
}

#[derive(Subcommand)]
enum UserAction {
    /// Create an account; prints a generated password unless --password-stdin is given.
    Create {
        #[arg(long)]
        username: String,
        /// admin, supervisor, inspector, viewer, agency_manager or agency_staff.
        #[arg(long)]
        role: String,
        /// The agency's code (e.g. STTTT); required for agency roles.
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        full_name: Option<String>,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Openapi => openapi::document_json()
            .map(|doc| print!("{doc}"))
            .map_err(|e| e.to_string()),
        command => load_config().and_then(|config| run(command, config)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn load_config() -> Result<Config, String> {
    Config::from_env()
        .map_err(|problems| format!("invalid configuration:\n  {}", problems.join("\n  ")))
}

fn run(command: Command, config: Config) -> Result<(), String> {
    match command {
        Command::Serve => serve(config),
        Command::Migrate => {
            bootstrap::open_database(&config).map(|_| println!("migrations applied"))
        }
        Command::SeedDemo => {
            let state = bootstrap::build_state(config)?;
            let lines = seed::seed_demo(&state.pool).map_err(|e| format!("{e:?}"))?;
            lines.iter().for_each(|line| println!("{line}"));
            Ok(())
        }
        Command::SeedBench { agencies, tasks } => {
            let state = bootstrap::build_state(config)?;
            let line = seed::bench::seed_bench(&state.pool, agencies.max(1), tasks)
                .map_err(|e| format!("{e:?}"))?;
            println!("{line}");
            Ok(())
        }
        Command::LoadTemplates { admin } => load_templates(config, &admin),
        Command::User { action } => create_user(config, action),
        Command::Openapi => Ok(()),
    }
}

#[actix_web::main]
async fn serve(config: Config) -> Result<(), String> {
    log::info!("starting with {config:?}");
    let bind_addr = config.bind_addr.clone();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    // Database work runs on each worker's blocking pool; together they match the connection pool.
    let blocking_per_worker = (config.db_pool_size as usize).div_ceil(workers).max(2);
    let state = bootstrap::build_state(config)?;
    defense_compliance::routes::prepare();
    defense_compliance::background::spawn(state.pool.clone(), &state.config)
        .map_err(|e| format!("cannot start the background thread: {e}"))?;
    let retention = state.config.change_retention;
    actix_web::rt::spawn(defense_compliance::changes::retention::run(
        state.pool.clone(),
        retention,
    ));
    let server = HttpServer::new(move || build_app(state.clone()))
        .bind(&bind_addr)
        .map_err(|e| format!("cannot listen on {bind_addr}: {e}"))?
        .workers(workers)
        .worker_max_blocking_threads(blocking_per_worker)
        .shutdown_timeout(10)
        .run();
    log::info!("listening on http://{bind_addr} (Swagger UI at /swagger-ui/)");
    server.await.map_err(|e| e.to_string())
}

fn create_user(
    config: Config,
    UserAction::Create {
        username,
        role,
        agency,
        full_name,
        password_stdin,
    }: UserAction,
) -> Result<(), String> {
    let role = Role::parse(&role).ok_or_else(|| format!("unknown role {role:?}"))?;
    let password = if password_stdin {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| e.to_string())?;
        text.trim_end_matches(['\r', '\n']).to_owned()
    } else {
        random_token()[..20].to_owned()
    };
    let pool = bootstrap::open_database(&config)?;
    let mut conn = pool.get().map_err(|e| format!("{e:?}"))?;
    let agency_id = match agency {
        Some(code) => Some(
            agency_access::system_find_by_code(&mut conn, &code)
                .map_err(|e| format!("{e:?}"))?
                .ok_or_else(|| format!("no agency with code {code}"))?
                .id,
        ),
        None => None,
    };
    let new = NewUser {
        full_name: Name::parse(full_name.as_deref().unwrap_or(&username), 200)
            .map_err(|e| format!("full name {e}"))?,
        username: Username::parse(&username).map_err(|e| format!("username {e}"))?,
        password: NewPassword::parse(&password).map_err(|e| format!("password {e}"))?,
        role,
        agency_id,
        active: true,
    };
    let hash = hash_blocking(&password).map_err(|e| format!("{e:?}"))?;
    write_transaction(&mut conn, |c| {
        insert_user(c, &Scope::Province, &AuditActor::system(), new, hash)
    })
    .map_err(|e| format!("{e}: {e:?}"))?;
    if password_stdin {
        println!("created {username}");
    } else {
        println!("created {username} with password {password}");
    }
    Ok(())
}

fn load_templates(config: Config, admin: &str) -> Result<(), String> {
    let pool = bootstrap::open_database(&config)?;
    let mut conn = pool.get().map_err(|e| format!("{e:?}"))?;
    let user = user_access::system_find_by_username(&mut conn, admin)
        .map_err(|e| format!("{e:?}"))?
        .filter(|u| u.role == Role::Admin && u.active)
        .ok_or_else(|| format!("{admin} is not an active admin account"))?;
    let actor = AuditActor {
        user_id: Some(user.id),
        request_id: None,
    };
    let line = write_transaction(&mut conn, |c| seed::frameworks::load_templates(c, &actor))
        .map_err(|e| format!("{e}: {e:?}"))?;
    println!("{line}");
    Ok(())
}

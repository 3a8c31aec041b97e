//! Diesel table definitions shared by both backends (the migrations keep them identical).

diesel::table! {
    agencies (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        short_name -> Nullable<Text>,
        kind -> Text,
        parent_id -> Nullable<Text>,
        path -> Text,
        headcount -> Integer,
        active -> Bool,
        search_key -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        valid_from -> Nullable<Date>,
        valid_to -> Nullable<Date>,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        full_name -> Text,
        password_hash -> Text,
        role -> Text,
        agency_id -> Nullable<Text>,
        active -> Bool,
        token_version -> Integer,
        password_changed_at -> Timestamp,
        search_key -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        issued_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        username -> Text,
        client_ip -> Text,
        failed_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        occurred_at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        entity_type -> Text,
        entity_id -> Text,
        changes -> Text,
        request_id -> Nullable<Text>,
    }
}

diesel::joinable!(users -> agencies (agency_id));
diesel::joinable!(refresh_tokens -> users (user_id));

diesel::table! {
    delegations (id) {
        id -> Text,
        kind -> Text,
        title -> Text,
        content -> Nullable<Text>,
        leading_agency_id -> Text,
        decision_number -> Text,
        decided_on -> Date,
        review_from -> Date,
        review_to -> Date,
        field_work_from -> Nullable<Date>,
        field_work_to -> Nullable<Date>,
        status -> Text,
        closed_reason -> Nullable<Text>,
        created_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        results_due_on -> Nullable<Date>,
        conclusions_due_on -> Nullable<Date>,
        closing_decision -> Nullable<Text>,
        plan_id -> Nullable<Text>,
        extension_decision -> Nullable<Text>,
        level -> Text,
    }
}

diesel::table! {
    delegation_bases (delegation_id, directive_id) {
        delegation_id -> Text,
        directive_id -> Text,
    }
}

diesel::table! {
    delegation_members (delegation_id, user_id) {
        delegation_id -> Text,
        user_id -> Text,
        role -> Text,
        added_at -> Timestamp,
        results -> Nullable<Text>,
        results_sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    delegation_subjects (delegation_id, agency_id) {
        delegation_id -> Text,
        agency_id -> Text,
        planned_from -> Nullable<Date>,
        planned_to -> Nullable<Date>,
        outline -> Nullable<Text>,
        report_due_on -> Nullable<Date>,
        notice_issued_at -> Nullable<Timestamp>,
        notice_issued_by -> Nullable<Text>,
        added_at -> Timestamp,
    }
}

diesel::table! {
    delegation_reports (delegation_id, agency_id) {
        delegation_id -> Text,
        agency_id -> Text,
        status -> Text,
        answers -> Text,
        due_on -> Date,
        submitted_at -> Nullable<Timestamp>,
        submitted_by -> Nullable<Text>,
        return_reason -> Nullable<Text>,
        created_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    delegation_sessions (id) {
        id -> Text,
        delegation_id -> Text,
        agency_id -> Text,
        held_on -> Date,
        place -> Nullable<Text>,
        remote -> Bool,
        participants -> Text,
        minutes -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    delegation_conclusions (delegation_id, agency_id) {
        delegation_id -> Text,
        agency_id -> Text,
        status -> Text,
        strengths -> Nullable<Text>,
        shortcomings -> Nullable<Text>,
        causes -> Nullable<Text>,
        recommendations -> Text,
        sent_at -> Nullable<Timestamp>,
        sent_by -> Nullable<Text>,
        comments_due_on -> Nullable<Date>,
        comments -> Nullable<Text>,
        commented_at -> Nullable<Timestamp>,
        commented_by -> Nullable<Text>,
        conclusion_id -> Nullable<Text>,
        concluded_at -> Nullable<Timestamp>,
        conclusion_due_on -> Nullable<Date>,
        issued_on -> Nullable<Date>,
        implementation_plan_due_on -> Nullable<Date>,
        created_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        implementation_plan_number -> Nullable<Text>,
        implementation_plan_on -> Nullable<Date>,
        implementation_plan_by -> Nullable<Text>,
    }
}

diesel::table! {
    recommendations (id) {
        id -> Text,
        delegation_id -> Text,
        agency_id -> Text,
        position -> Integer,
        content -> Text,
        conclusion_id -> Text,
        task_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(recommendations -> tasks (task_id));
diesel::joinable!(recommendations -> delegations (delegation_id));
diesel::joinable!(delegations -> agencies (leading_agency_id));
diesel::joinable!(delegation_bases -> delegations (delegation_id));
diesel::joinable!(delegation_members -> delegations (delegation_id));
diesel::joinable!(delegation_members -> users (user_id));
diesel::joinable!(delegation_subjects -> delegations (delegation_id));
diesel::joinable!(delegation_subjects -> agencies (agency_id));

diesel::table! {
    calendar_years (year) {
        year -> Integer,
        version -> Integer,
        updated_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    calendar_days (day) {
        day -> Date,
        year -> Integer,
        kind -> Text,
        name -> Text,
    }
}

diesel::joinable!(calendar_days -> calendar_years (year));

diesel::table! {
    directives (id) {
        id -> Text,
        kind -> Text,
        number -> Text,
        issuer -> Text,
        issuer_agency_id -> Nullable<Text>,
        issued_on -> Date,
        title -> Text,
        summary -> Nullable<Text>,
        term -> Nullable<Text>,
        status -> Text,
        superseded_by -> Nullable<Text>,
        search_key -> Text,
        issuer_key -> Text,
        version -> Integer,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    directive_bases (directive_id, based_on_id) {
        directive_id -> Text,
        based_on_id -> Text,
    }
}

diesel::joinable!(directives -> agencies (issuer_agency_id));
diesel::table! {
    tasks (id) {
        id -> Text,
        directive_id -> Text,
        title -> Text,
        description -> Nullable<Text>,
        lead_agency_id -> Text,
        assigned_by -> Nullable<Text>,
        start_on -> Nullable<Date>,
        due_on -> Date,
        priority -> Text,
        target_value -> Nullable<Double>,
        target_unit -> Nullable<Text>,
        recurrence -> Text,
        status -> Text,
        completed_on -> Nullable<Date>,
        origin -> Text,
        previous_occurrence_id -> Nullable<Text>,
        search_key -> Text,
        recommendation_id -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    task_coordinators (task_id, agency_id) {
        task_id -> Text,
        agency_id -> Text,
    }
}

diesel::table! {
    task_comments (id) {
        id -> Text,
        task_id -> Text,
        author_id -> Text,
        body -> Text,
        transition -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(tasks -> agencies (lead_agency_id));
diesel::joinable!(tasks -> directives (directive_id));
diesel::joinable!(task_coordinators -> agencies (agency_id));
diesel::joinable!(task_comments -> tasks (task_id));

diesel::table! {
    reports (id) {
        id -> Text,
        task_id -> Text,
        agency_id -> Text,
        period -> Text,
        body -> Text,
        actual_value -> Nullable<Double>,
        status -> Text,
        revision -> Integer,
        previous_revision_id -> Nullable<Text>,
        created_by -> Text,
        submitted_by -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        reviewed_by -> Nullable<Text>,
        reviewed_at -> Nullable<Timestamp>,
        review_comment -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(reports -> tasks (task_id));

diesel::table! {
    evidence (id) {
        id -> Text,
        owner_type -> Text,
        owner_id -> Text,
        filename -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        storage_key -> Text,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
        criterion_code -> Nullable<Text>,
    }
}

diesel::table! {
    frameworks (id) {
        id -> Text,
        code -> Text,
        version -> Integer,
        name -> Text,
        description -> Nullable<Text>,
        applies_to -> Text,
        groups -> Text,
        threshold_excellent -> Double,
        threshold_good -> Double,
        threshold_average -> Double,
        disqualified_rating -> Text,
        status -> Text,
        previous_version_id -> Nullable<Text>,
        created_by -> Text,
        published_by -> Nullable<Text>,
        published_at -> Nullable<Timestamp>,
        revision -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    campaigns (id) {
        id -> Text,
        framework_id -> Text,
        framework_code -> Text,
        year -> Integer,
        name -> Text,
        registration_deadline -> Date,
        self_assessment_deadline -> Date,
        review_deadline -> Date,
        agency_kinds -> Text,
        agency_ids -> Text,
        status -> Text,
        cloned_from_id -> Nullable<Text>,
        created_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    assessments (id) {
        id -> Text,
        campaign_id -> Text,
        agency_id -> Text,
        document_number -> Text,
        registered_on -> Date,
        registered_by -> Text,
        status -> Text,
        self_scores -> Text,
        review_scores -> Text,
        self_total -> Double,
        review_total -> Nullable<Double>,
        extended_until -> Nullable<Date>,
        submitted_by -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        return_comment -> Nullable<Text>,
        recognised -> Nullable<Bool>,
        rating -> Nullable<Text>,
        decision_number -> Nullable<Text>,
        decided_on -> Nullable<Date>,
        decided_by -> Nullable<Text>,
        override_reason -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        closed_reason -> Nullable<Text>,
    }
}

diesel::joinable!(campaigns -> frameworks (framework_id));
diesel::joinable!(assessments -> campaigns (campaign_id));
diesel::joinable!(assessments -> agencies (agency_id));

diesel::table! {
    time_limits (code) {
        code -> Text,
        count -> Integer,
        source -> Text,
        version -> Integer,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(time_limits -> users (updated_by));

diesel::table! {
    supervision_plans (id) {
        id -> Text,
        year -> Integer,
        body_agency_id -> Text,
        title -> Text,
        items -> Text,
        status -> Text,
        approved_at -> Nullable<Timestamp>,
        approved_by -> Nullable<Text>,
        created_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(supervision_plans -> agencies (body_agency_id));

diesel::table! {
    reviews (id) {
        id -> Text,
        kind -> Text,
        period -> Text,
        agency_id -> Nullable<Text>,
        include_predecessors -> Bool,
        title -> Text,
        directive_ids -> Text,
        figures -> Text,
        results -> Nullable<Text>,
        shortcomings -> Nullable<Text>,
        next_tasks -> Nullable<Text>,
        created_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    api_clients (id) {
        id -> Text,
        user_id -> Text,
        name -> Text,
        agency_id -> Nullable<Text>,
        scopes -> Text,
        expires_at -> Nullable<Timestamp>,
        active -> Bool,
        secret_hash -> Text,
        previous_secret_hash -> Nullable<Text>,
        previous_secret_valid_until -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        created_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    idempotency_keys (caller_id, idempotency_key) {
        caller_id -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        status -> Nullable<Integer>,
        content_type -> Nullable<Text>,
        location -> Nullable<Text>,
        etag -> Nullable<Text>,
        body -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// The change feed's outbox (see the migration `change_feed`).
    changes (id) {
        id -> Text,
        seq -> Nullable<BigInt>,
        entity_type -> Text,
        entity_id -> Text,
        action -> Text,
        version -> Nullable<Integer>,
        occurred_at -> Timestamp,
    }
}

diesel::table! {
    change_reach (change_id, path) {
        change_id -> Text,
        path -> Text,
    }
}

diesel::table! {
    change_log (id) {
        id -> Integer,
        last_seq -> BigInt,
        pruned_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Webhook subscriptions (see the migration `webhooks`).
    webhooks (id) {
        id -> Text,
        url -> Text,
        description -> Nullable<Text>,
        event_types -> Text,
        secret -> Text,
        agency_id -> Nullable<Text>,
        created_by -> Text,
        active -> Bool,
        disabled_reason -> Nullable<Text>,
        failure_streak -> Integer,
        after_seq -> BigInt,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        previous_secret -> Nullable<Text>,
        previous_secret_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    reorganisations (id) {
        id -> Text,
        kind -> Text,
        decision_number -> Text,
        decision_date -> Date,
        effective_on -> Date,
        successor_id -> Text,
        status -> Text,
        created_by -> Text,
        scheduled_by -> Nullable<Text>,
        applied_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        accounts -> Text,
        directive_id -> Nullable<Text>,
        task_ids -> Nullable<Text>,
        new_name -> Nullable<Text>,
        new_short_name -> Nullable<Text>,
        shares -> Nullable<Text>,
    }
}

diesel::table! {
    agency_names (agency_id, valid_to) {
        agency_id -> Text,
        valid_to -> Date,
        name -> Text,
        short_name -> Nullable<Text>,
        reorganisation_id -> Text,
    }
}

diesel::table! {
    reorganisation_sources (reorganisation_id, agency_id) {
        reorganisation_id -> Text,
        agency_id -> Text,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        webhook_id -> Text,
        ordinal -> BigInt,
        event_type -> Text,
        payload -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        last_status_code -> Nullable<Integer>,
        last_duration_ms -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_attempts (id) {
        id -> Text,
        delivery_id -> Text,
        attempted_at -> Timestamp,
        status_code -> Nullable<Integer>,
        duration_ms -> Integer,
        error -> Nullable<Text>,
    }
}

diesel::table! {
    /// Deadline reminders already published (see the migration `reminders`).
    reminders (entity_id, event, days) {
        entity_id -> Text,
        event -> Text,
        days -> Integer,
        sent_at -> Timestamp,
    }
}

diesel::joinable!(api_clients -> agencies (agency_id));
diesel::joinable!(webhooks -> agencies (agency_id));
diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));
diesel::joinable!(webhook_attempts -> webhook_deliveries (delivery_id));
diesel::joinable!(change_reach -> changes (change_id));
diesel::joinable!(reorganisation_sources -> reorganisations (reorganisation_id));

diesel::allow_tables_to_appear_in_same_query!(
    reviews,
    reorganisations,
    reorganisation_sources,
    agency_names,
    reminders,
    webhooks,
    webhook_deliveries,
    webhook_attempts,
    changes,
    change_reach,
    change_log,
    idempotency_keys,
    api_clients,
    supervision_plans,
    time_limits,
    agencies,
    users,
    refresh_tokens,
    login_failures,
    audit_events,
    directives,
    directive_bases,
    tasks,
    task_coordinators,
    task_comments,
    reports,
    evidence,
    frameworks,
    campaigns,
    assessments,
    calendar_years,
    calendar_days,
    delegations,
    delegation_bases,
    delegation_members,
    delegation_subjects,
    delegation_reports,
    delegation_sessions,
    delegation_conclusions,
    recommendations,
);

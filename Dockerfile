# Build and run the service; used by docker-compose.yml.
FROM rust:1-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY src src
COPY migrations migrations
RUN cargo build --release --locked

FROM debian:bookworm-slim
RUN useradd --system --home /var/lib/compliance compliance \
    && mkdir -p /var/lib/compliance && chown compliance /var/lib/compliance
COPY --from=build /src/target/release/defense-compliance /usr/local/bin/defense-compliance
USER compliance
WORKDIR /var/lib/compliance
ENV BIND_ADDR=0.0.0.0:8080 DATA_DIR=/var/lib/compliance RUST_LOG=info
EXPOSE 8080
CMD ["defense-compliance", "serve"]

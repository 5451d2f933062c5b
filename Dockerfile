# vanban worker image: Debian with the same packages as .ci/run (scripts/setup.sh), the
# release binary and its dictionaries. Build: docker build -t vanban .
# One install path: the build stage is plain Debian 12 and scripts/setup.sh installs the Rust
# toolchain (cargo-web/rustc-web from bookworm-security), CA certificates and the C libraries.
FROM debian:bookworm AS build
WORKDIR /src
COPY . .
RUN bash scripts/setup.sh && cargo build --release --locked

FROM debian:bookworm-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/vanban /usr/local/bin/vanban
COPY --from=build /src/dictionaries /usr/share/vanban/dictionaries
ENV VANBAN_DICT=/usr/share/vanban/dictionaries OMP_THREAD_LIMIT=1
ENTRYPOINT ["vanban"]

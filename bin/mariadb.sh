#!/usr/bin/env bash
# A private MariaDB server for the test and dev stack, kept in .cache/mariadb.
#
# Our machines have no systemd and the system's own server (if any) is not ours to touch,
# so this runs Debian's mariadbd directly: data and socket in .cache/mariadb, TCP only
# on the loopback interface.
#
# Usage:
#   bin/mariadb.sh start               start the server, or reuse the running one
#   bin/mariadb.sh stop                stop it (data stays)
#   bin/mariadb.sh status              exit 0 when it answers, 3 when it does not
#   bin/mariadb.sh create-db NAME      start if needed, create database NAME if missing
#   bin/mariadb.sh create-db --fresh NAME   drop NAME first
#   bin/mariadb.sh drop-db NAME
#   bin/mariadb.sh env                 print the connection settings (KEY=value lines)
#   bin/mariadb.sh client [ARGS...]    mariadb client as the server's root user
#
# Environment: HELPDESKY_BLOCK_DB_PORT (default 33306), HELPDESKY_BLOCK_DB_DIR
# (default .cache/mariadb). Clients log in as wp / wp, an account that exists only in
# this throw-away server.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="${HELPDESKY_BLOCK_DB_DIR:-$ROOT/.cache/mariadb}"
PORT="${HELPDESKY_BLOCK_DB_PORT:-33306}"
DATA="$BASE/data"
PID_FILE="$BASE/mariadb.pid"
LOG_FILE="$BASE/mariadb.log"
SOCKET="$BASE/mariadb.sock"
DB_USER="wp"
DB_PASSWORD="wp"

# A Unix socket path may not exceed 107 bytes; deep checkouts fall back to /tmp.
if [ "${#SOCKET}" -gt 100 ]; then
	SOCKET="/tmp/helpdesky-block-mariadb-$PORT.sock"
fi

log() { printf 'mariadb: %s\n' "$*" >&2; }

need() {
	if ! command -v "$1" >/dev/null; then
		log "$1 not found; install the Debian package mariadb-server"
		exit 1
	fi
}

root_client() {
	mariadb --no-defaults --protocol=socket --socket="$SOCKET" --user=root "$@"
}

is_running() {
	[ -S "$SOCKET" ] && mariadb-admin --no-defaults --protocol=socket --socket="$SOCKET" --user=root \
		--connect-timeout=2 ping >/dev/null 2>&1
}

port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

ensure_account() {
	# '%' is safe here: the server listens on 127.0.0.1 and the socket only.
	root_client -e "CREATE USER IF NOT EXISTS '$DB_USER'@'%' IDENTIFIED BY '$DB_PASSWORD';
		CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
		GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'%';
		GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'localhost';"
}

start() {
	need mariadbd
	need mariadb-install-db
	mkdir -p "$BASE"
	# The integration tests and the e2e stack may start the server at the same moment.
	if command -v flock >/dev/null; then
		exec 9>"$BASE/start.lock"
		flock 9
	fi
	if is_running; then
		log "already running (socket $SOCKET, port $PORT)"
		ensure_account
		return 0
	fi

	if [ ! -d "$DATA/mysql" ]; then
		log "creating the data folder $DATA"
		rm -rf "$DATA"
		# --no-defaults keeps the system's /etc/mysql settings (datadir, socket) out.
		mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$DATA" \
			--auth-root-authentication-method=socket --skip-test-db >"$BASE/install.log" 2>&1 || {
			cat "$BASE/install.log" >&2
			exit 1
		}
	fi

	if port_in_use; then
		log "port $PORT is taken by another program; set HELPDESKY_BLOCK_DB_PORT to a free port"
		exit 1
	fi

	rm -f "$SOCKET" "$PID_FILE"
	# setsid: the server outlives this script and the npm/CI process group that ran it;
	# all three standard streams are redirected so no caller waits on an inherited pipe,
	# and the start lock (fd 9) is not handed down, or the server would hold it forever.
	# Flushing the InnoDB log once a second instead of at every commit is fine for
	# throw-away test data and much faster.
	setsid mariadbd --no-defaults --user="$(id -un)" --datadir="$DATA" \
		--socket="$SOCKET" --port="$PORT" --bind-address=127.0.0.1 \
		--pid-file="$PID_FILE" --log-error="$LOG_FILE" \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--innodb-flush-log-at-trx-commit=2 --skip-name-resolve \
		</dev/null >>"$LOG_FILE" 2>&1 9>&- &

	local tries=0
	until is_running; do
		tries=$((tries + 1))
		if [ "$tries" -gt 60 ]; then
			log "the server did not answer within 30 s; end of $LOG_FILE:"
			tail -n 30 "$LOG_FILE" >&2 || true
			exit 1
		fi
		sleep 0.5
	done
	ensure_account
	log "started (socket $SOCKET, port $PORT, pid $(cat "$PID_FILE"))"
}

stop() {
	if ! is_running; then
		log "not running"
		return 0
	fi
	local pid
	pid="$(cat "$PID_FILE" 2>/dev/null || true)"
	mariadb-admin --no-defaults --protocol=socket --socket="$SOCKET" --user=root shutdown
	# shutdown returns before the process has gone; wait so a restart finds the port free.
	if [ -n "$pid" ]; then
		local tries=0
		while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 60 ]; do
			tries=$((tries + 1))
			sleep 0.5
		done
	fi
	log "stopped"
}

status() {
	if is_running; then
		echo "running (socket $SOCKET, port $PORT, pid $(cat "$PID_FILE" 2>/dev/null || echo '?'))"
		return 0
	fi
	echo "stopped"
	return 3
}

check_name() {
	if [[ ! "${1:-}" =~ ^[A-Za-z0-9_]+$ ]]; then
		log "database name must match [A-Za-z0-9_]+, got '${1:-}'"
		exit 2
	fi
}

create_db() {
	local fresh=0
	if [ "${1:-}" = "--fresh" ]; then
		fresh=1
		shift
	fi
	check_name "${1:-}"
	is_running || start
	if [ "$fresh" = 1 ]; then
		root_client -e "DROP DATABASE IF EXISTS \`$1\`"
	fi
	root_client -e "CREATE DATABASE IF NOT EXISTS \`$1\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
	log "database $1 is ready"
}

drop_db() {
	check_name "${1:-}"
	is_running || { log "not running"; return 0; }
	root_client -e "DROP DATABASE IF EXISTS \`$1\`"
}

print_env() {
	cat <<EOF
DB_HOST=127.0.0.1:$PORT
DB_SOCKET=$SOCKET
DB_USER=$DB_USER
DB_PASSWORD=$DB_PASSWORD
EOF
}

command="${1:-}"
shift || true
case "$command" in
	start) start ;;
	stop) stop ;;
	status) status ;;
	create-db) create_db "$@" ;;
	drop-db) drop_db "$@" ;;
	env) print_env ;;
	client) root_client "$@" ;;
	*)
		sed -n '/^# Usage:/,/^#$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
		exit 2
		;;
esac

"""Copies Redis keys (the app's sessions) from old prod's Redis to this stack's, by DUMP and RESTORE.

ElastiCache seeds a group from a snapshot only when it is created, and refuses MIGRATE, SYNC
and CONFIG; DUMP, PTTL, SCAN and RESTORE are ordinary commands. Python 3 standard library
only (the instances have python3, not necessarily a Redis client). Run by the SSM document
of components/legacySessionsDocument.ts:

  export HOST PORT TLS FILE [PATTERN]   old prod's instance: every key matching PATTERN
                                        (default *) with its remaining TTL, into FILE
  import FILE ENV_FILE                  a new instance: RESTORE each key into the Redis that
                                        ENV_FILE names (REDIS_HOST, REDIS_PORT, REDIS_SSL,
                                        REDIS_PASSWORD: /etc/chatmrpt/chatmrpt.env, read as
                                        systemd reads it, never by a shell: the AUTH token may
                                        hold & $ < >); a key that exists is kept (BUSYKEY: it
                                        may belong to a user already moved)

The source's password, if it has one, is read from SOURCE_REDIS_PASSWORD (never an argument).
"""
import os
import socket
import ssl
import struct
import sys

MAGIC = b"CHATMRPT-SESSIONS-1\n"


class RedisError(Exception):
    pass


def connect(host, port, tls, password):
    sock = socket.create_connection((host, int(port)), timeout=30)
    if tls:
        sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
    conn = sock.makefile("rwb")
    if password:
        call(conn, b"AUTH", password.encode())
    return conn


def call(conn, *args):
    conn.write(b"*%d\r\n" % len(args) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in args))
    conn.flush()
    return reply(conn)


def reply(conn):
    line = conn.readline()
    if not line.endswith(b"\r\n"):
        raise RedisError("connection closed")
    kind, rest = line[:1], line[1:-2]
    if kind == b"+":
        return rest
    if kind == b"-":
        raise RedisError(rest.decode(errors="replace"))
    if kind == b":":
        return int(rest)
    if kind == b"$":
        size = int(rest)
        return None if size < 0 else conn.read(size + 2)[:-2]
    if kind == b"*":
        size = int(rest)
        return None if size < 0 else [reply(conn) for _ in range(size)]
    raise RedisError("unexpected reply %r" % line[:40])


def export(host, port, tls, path, pattern="*"):
    conn = connect(host, port, tls == "true", os.environ.get("SOURCE_REDIS_PASSWORD", ""))
    count = 0
    with open(path, "wb") as out:
        out.write(MAGIC)
        cursor = b"0"
        while True:
            cursor, keys = call(conn, b"SCAN", cursor, b"MATCH", pattern.encode(), b"COUNT", b"500")
            for key in keys:
                ttl = call(conn, b"PTTL", key)
                payload = call(conn, b"DUMP", key)
                if ttl == -2 or payload is None:
                    continue  # expired or deleted since SCAN saw it
                out.write(struct.pack(">I", len(key)) + key + struct.pack(">q", max(ttl, 0)))
                out.write(struct.pack(">I", len(payload)) + payload)
                count += 1
            if cursor == b"0":
                break
    print("chatmrpt: exported %d keys matching %s from %s" % (count, pattern, host))


def records(path):
    with open(path, "rb") as f:
        if f.read(len(MAGIC)) != MAGIC:
            raise RedisError("%s is not an export of this script" % path)
        while True:
            head = f.read(4)
            if not head:
                return
            key = f.read(struct.unpack(">I", head)[0])
            ttl = struct.unpack(">q", f.read(8))[0]
            payload = f.read(struct.unpack(">I", f.read(4))[0])
            yield key, ttl, payload


def env_file(path):
    """KEY=VALUE lines as systemd's EnvironmentFile= takes them (one pair of double quotes stripped)."""
    env = {}
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if "=" not in line or line.lstrip().startswith("#"):
                continue
            key, value = line.split("=", 1)
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            env[key.strip()] = value
    return env


def restore(path, env_path):
    env = env_file(env_path)
    conn = connect(env["REDIS_HOST"], env.get("REDIS_PORT", "6379"), env.get("REDIS_SSL") == "true", env.get("REDIS_PASSWORD", ""))
    restored = kept = 0
    failed = []
    for key, ttl, payload in records(path):
        try:
            call(conn, b"RESTORE", key, str(ttl).encode(), payload)
            restored += 1
        except RedisError as e:
            if str(e).startswith("BUSYKEY"):
                kept += 1
            else:
                failed.append("%s: %s" % (key.decode(errors="replace"), e))
    print("chatmrpt: restored %d keys, kept %d that already existed, %d failed" % (restored, kept, len(failed)))
    for line in failed[:10]:
        print("chatmrpt: failed %s" % line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        if len(sys.argv) in (6, 7) and sys.argv[1] == "export":
            export(*sys.argv[2:])
            sys.exit(0)
        if len(sys.argv) == 4 and sys.argv[1] == "import":
            sys.exit(restore(sys.argv[2], sys.argv[3]))
    except (OSError, KeyError, RedisError) as e:
        print("chatmrpt: %s failed: %s" % (sys.argv[1], e), file=sys.stderr)
        sys.exit(1)
    print(__doc__, file=sys.stderr)
    sys.exit(2)

# Shared by the scripts that compare the two engines: sourced, not run.

# demo_on_both GOLDTHREAD SQLITE_FILE: the demonstration built on the
# PostgreSQL server the PG* variables name and in SQLITE_FILE, the two
# sharing one child ID key (child.key beside SQLITE_FILE, exported as
# $GOLDTHREAD_KEY_FILE: a PostgreSQL
# store keeps it in a named file) so that children's hashes agree; says
# which failed and exits (from $(...), only its subshell)
demo_on_both() {
    GOLDTHREAD_KEY_FILE="$(dirname "$2")/child.key"
    export GOLDTHREAD_KEY_FILE
    "$1" demo --quiet --no-serve --users --db postgresql:// >/dev/null ||
        { echo "the demonstration was not built on PostgreSQL"; exit 1; }
    "$1" demo --quiet --no-serve --users --db "$2" >/dev/null ||
        { echo "the demonstration was not built on SQLite"; exit 1; }
}

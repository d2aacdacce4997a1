# Shared by the tests/web scripts that drive a real server: sourced, not
# run. A function that fails says why on standard error and exits (from
# $(...), only its subshell: the caller adds || exit 1).

# web_wait_up BASE LOG: wait (up to 5 s) for the server at BASE to answer
web_wait_up() {
    i=0
    until curl -s -o /dev/null "$1/sign-in"; do
        i=$((i + 1))
        if [ $i -gt 50 ]; then
            echo "FAIL: the server did not start" >&2
            cat "$2" >&2
            exit 1
        fi
        sleep 0.1
    done
}

# web_sign_in BASE USERNAME PASSWORD: sign in as a browser would (the
# sign-in form's token, then the form), keeping the cookies in ./jar;
# prints the session cookie's value
web_sign_in() {
    curl -s -c jar -b jar "$1/sign-in" >sign-in.html
    token=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' sign-in.html | head -1)
    password=$(printf '%s' "$3" | sed 's/ /+/g')
    curl -s -c jar -b jar -o /dev/null -H "Origin: $1" \
        --data "csrf=$token&username=$2&password=$password" "$1/sign-in"
    session=$(awk '$6 == "gt_session" { print $7 }' jar)
    [ -n "$session" ] || { echo "FAIL: could not sign in as $2" >&2; exit 1; }
    echo "$session"
}

#!/bin/sh
# The C sources are as clang-format (.clang-format) writes them.
set -eu
root=$1
cd "$root"
clang-format --dry-run --Werror src/*.c src/*/*.c src/*/*.h tools/*.c \
    tests/unit/*.c tests/fuzz/*.c tests/fuzz/*.h
echo "formatted"

#!/usr/bin/env bash
# RUSTC_WRAPPER for fuzz builds (see run.sh): compiles the regex engine crates without
# libFuzzer's coverage instrumentation, keeping it for everything else.
#
# The extractor spends most of its time inside regex matching. Instrumented, the regex
# engines' inner loops call __sanitizer_cov_trace_cmp* on every comparison, which made the
# `extract` target about 2-3x slower; and their coverage is noise to the fuzzer (which state of
# a backtracker was reached says little about the project's code). The project's own code and
# the parsers it feeds (csv, serde_json, html2text/html5ever, toml, chrono) stay instrumented.
rustc="$1"
shift
crate=""
prev=""
for a in "$@"; do
    [ "$prev" = "--crate-name" ] && crate="$a"
    prev="$a"
done
case "$crate" in
    regex | regex_automata | regex_syntax | aho_corasick | memchr)
        args=()
        for a in "$@"; do
            case "$a" in
                -Cpasses=sancov-module | -Cllvm-args=-sanitizer-coverage-*) ;;
                *) args+=("$a") ;;
            esac
        done
        exec "$rustc" "${args[@]}"
        ;;
esac
exec "$rustc" "$@"

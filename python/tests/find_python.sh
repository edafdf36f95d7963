# Sourced by python/tests/run.sh and tests/cli/test_python_install.sh.
# brink_find_python MODULES: prints the first Python 3 that imports every
# one of MODULES: $BRINK_PYTHON if set (and only it), else python3 on the
# PATH, else Debian's /usr/bin/python3 (a python3 of another origin on the
# PATH may lack Debian's python3-cffi, -numpy, -pandas, -pytest). Fails when
# there is none.
brink_find_python() {
    for p in ${BRINK_PYTHON:-python3 /usr/bin/python3}; do
        if command -v "$p" > /dev/null 2>&1 &&
            "$p" -c "import sys; import $(echo "$1" | tr ' ' ',')" > /dev/null 2>&1; then
            command -v "$p"
            return 0
        fi
    done
    return 1
}

# brink_sanitizer_preload: where libbrink is built with the sanitizers
# (BRINK_TEST_SANITIZE=ON), a Python that loads it needs their runtimes
# first: sets LD_PRELOAD to them and turns leak detection off (the
# interpreter itself is not instrumented and keeps memory to the end).
brink_sanitizer_preload() {
    case "${BRINK_TEST_SANITIZE:-OFF}" in
        ON | on | 1) ;;
        *) return 0 ;;
    esac
    pre=""
    for rt in libasan.so libubsan.so; do
        f=$(${CC:-cc} -print-file-name=$rt 2> /dev/null)
        if [ -n "$f" ] && [ "$f" != "$rt" ] && [ -e "$f" ]; then pre="$pre${pre:+ }$f"; fi
    done
    LD_PRELOAD=$pre
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
    export LD_PRELOAD ASAN_OPTIONS
}

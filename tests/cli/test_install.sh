#!/bin/sh
# cmake --install into a temporary prefix, then libbrink as others use it:
# the install tree (program, libbrink.so with its SONAME, libbrink.a,
# headers, brink.pc, the CMake package, a man page per command, the docs,
# the Python module); every header compiles on its own as C17 and as C++;
# examples/outcomes.c built with `pkg-config --cflags --libs brink` and with
# `pkg-config --static`, and as a CMake project using find_package(brink),
# each linked against the installed library, and examples/outcomes.py run
# with the installed Python module, print the default case's outcome counts
# and probabilities, which must equal what the installed `brink ensemble
# iran-2025 --runs 2000 --seed 1 --format json` prints; the installed man
# pages read cleanly.
# BRINK_BUILD_DIR is the build directory to install (default: where $BRINK is).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
: "${BRINK_SOURCE_DIR:?}"
build=${BRINK_BUILD_DIR:-$(dirname "$BRINK")}
src=$BRINK_SOURCE_DIR/examples
. "$BRINK_SOURCE_DIR/python/tests/find_python.sh"
cc=${CC:-cc}
sanitize=${BRINK_TEST_SANITIZE:-OFF}
san_flags=""
case "$sanitize" in
    ON | on | 1) san_flags="-fsanitize=address,undefined" ;;
esac
prefix=$tmp/prefix
runs=2000
seed=1

# ---- the install ------------------------------------------------------------
expect_exit 0 "cmake --install $build --prefix $prefix" \
    cmake --install "$build" --prefix "$prefix"
if [ ! -x "$prefix/bin/brink" ]; then
    bad "no $prefix/bin/brink after the install"
    finish
    exit 1
fi
ok

# where GNUInstallDirs put the library (lib, or lib/<multiarch> under /usr)
libdir=$(dirname "$(find "$prefix" -name libbrink.a | head -n 1)")
check "libbrink.a installed" test -f "$libdir/libbrink.a"
check "libbrink.so installed" test -L "$libdir/libbrink.so"
check "libbrink.so.0 installed" test -L "$libdir/libbrink.so.0"
check "libbrink.so.0.1.0 installed" test -f "$libdir/libbrink.so.0.1.0"
check "brink.pc installed" test -f "$libdir/pkgconfig/brink.pc"
for f in brinkConfig.cmake brinkConfigVersion.cmake brinkTargets.cmake \
         brinkStaticTargets.cmake; do
    check "$f installed" test -f "$libdir/cmake/brink/$f"
done
if command -v readelf > /dev/null 2>&1; then
    readelf -d "$libdir/libbrink.so.0.1.0" > "$tmp/dyn" 2>&1
    has "$tmp/dyn" "Library soname: [libbrink.so.0]" "libbrink.so has no SONAME libbrink.so.0"
else
    skip "readelf not found: the SONAME is not checked"
fi

# libbrink.so exports the functions and tables the public headers declare
# (static inline ones aside), and nothing of the library's internals (names
# reserved to the implementation aside: AddressSanitizer's __odr_asan.*)
if command -v nm > /dev/null 2>&1; then
    nm -D --defined-only "$libdir/libbrink.so.0.1.0" |
        awk '$2 != "A" && $2 != "w" && $2 != "v" && $3 !~ /^__/ { print $3 }' |
        sort -u > "$tmp/exported"
    cat "$BRINK_SOURCE_DIR"/include/brink/*.h |
        sed -e 's|/\*.*\*/||g' -e 's|^ *\*.*||' |
        grep -oE 'brink_[a-z0-9_]+ *(\(|\[)' | sed 's/ *[[(]$//' | sort -u > "$tmp/declared"
    cat "$BRINK_SOURCE_DIR"/include/brink/*.h |
        grep -oE 'static inline [^(]*brink_[a-z0-9_]+ *\(' |
        grep -oE 'brink_[a-z0-9_]+' | sort -u > "$tmp/inline"
    comm -23 "$tmp/declared" "$tmp/inline" > "$tmp/want"
    extra=$(comm -13 "$tmp/want" "$tmp/exported" | head -n 5 | tr '\n' ' ')
    missing=$(comm -23 "$tmp/want" "$tmp/exported" | head -n 5 | tr '\n' ' ')
    check "libbrink.so exports internals: $extra" [ -z "$extra" ]
    check "libbrink.so lacks declared functions: $missing" [ -z "$missing" ]
    check "no exports read from libbrink.so" [ -s "$tmp/exported" ]
else
    skip "nm not found: the exported symbols are not checked"
fi

# every public header (and the .def lists they include)
for h in "$BRINK_SOURCE_DIR"/include/brink/*.h "$BRINK_SOURCE_DIR"/include/brink/*.def; do
    check "include/brink/$(basename "$h") installed" cmp -s "$h" \
        "$prefix/include/brink/$(basename "$h")"
done

# a man page per command, and the docs
check "brink.1 installed" test -f "$prefix/share/man/man1/brink.1"
"$BRINK" --help > "$tmp/help" 2>&1
cmds=$(awk '/^commands:$/ { on = 1; next } on && /^$/ { exit } on { print $1 }' "$tmp/help")
if [ -z "$cmds" ]; then bad "no commands in brink --help"; fi
for c in $cmds; do
    check "brink-$c.1 installed" test -f "$prefix/share/man/man1/brink-$c.1"
done
docdir=$prefix/share/doc/brink
check "README.md installed in $docdir" cmp -s "$BRINK_SOURCE_DIR/README.md" "$docdir/README.md"
for d in "$BRINK_SOURCE_DIR"/docs/*.md; do
    check "docs/$(basename "$d") installed" cmp -s "$d" "$docdir/docs/$(basename "$d")"
done

# the installed program runs
expect_exit 0 "installed brink --version" "$prefix/bin/brink" --version
has "$tmp/out" "brink 0.1.0" "installed brink --version"

# ---- headers: each compiles on its own, as C17 and as C++ --------------------
for h in "$prefix"/include/brink/*.h; do
    name=$(basename "$h")
    printf '#include <brink/%s>\n' "$name" > "$tmp/h.c"
    expect_exit 0 "$name alone as C17" "$cc" -std=c17 -Wall -Wextra -Werror -pedantic \
        -I"$prefix/include" -fsyntax-only "$tmp/h.c"
done
if command -v c++ > /dev/null 2>&1; then
    for h in "$prefix"/include/brink/*.h; do
        name=$(basename "$h")
        printf '#include <brink/%s>\n' "$name" > "$tmp/h.cpp"
        expect_exit 0 "$name alone as C++" c++ -std=c++17 -Wall -Wextra -Werror -pedantic \
            -I"$prefix/include" -fsyntax-only "$tmp/h.cpp"
    done
    # extern "C": a C++ program links the C library
    cat > "$tmp/v.cpp" <<'EOF'
#include <brink/brink.h>
#include <cstdio>
int main() { std::printf("%s\n", brink_version()); return 0; }
EOF
    expect_exit 0 "a C++ program linking libbrink.so" c++ $san_flags -o "$tmp/v" "$tmp/v.cpp" \
        -I"$prefix/include" -L"$libdir" -lbrink
    expect_exit 0 "the C++ program runs" env LD_LIBRARY_PATH="$libdir" "$tmp/v"
    has "$tmp/out" "0.1.0" "the C++ program prints the version"
else
    skip "no C++ compiler: the headers are not compiled as C++"
fi

# ---- what the program says: the reference ------------------------------------
expect_exit 0 "brink ensemble --format json" \
    "$prefix/bin/brink" ensemble iran-2025 --runs "$runs" --seed "$seed" --format json
cp "$tmp/out" "$tmp/ref.json"
: > "$tmp/ref.txt"
for o in deal partial_deal stalemate sender_backs_down war regime_crisis deal_reversed; do
    n=$(cmake -DFILE="$tmp/ref.json" -DKEYS="outcomes;$o;count" -P "$here/json_get.cmake")
    p=$(cmake -DFILE="$tmp/ref.json" -DKEYS="outcomes;$o;p" -P "$here/json_get.cmake")
    echo "$o $n $p" >> "$tmp/ref.txt"
done
if [ "$(wc -l < "$tmp/ref.txt")" -ne 7 ]; then bad "the reference lacks outcomes"; fi

# same_outcomes LABEL FILE: FILE (a program's output: outcome, count,
# probability) has the reference's counts and probabilities, exactly (both
# print 10 significant digits)
same_outcomes() {
    grep -v '^#' "$2" > "$tmp/got.txt"
    if awk 'NR == FNR { n[$1] = $2; p[$1] = $3; next }
            !($1 in n) || n[$1] != $2 || p[$1] != $3 { bad = 1 }
            END { exit bad || FNR != 7 }' "$tmp/ref.txt" "$tmp/got.txt"; then
        ok
    else
        bad "$1: outcomes differ from brink ensemble's"
        echo "    brink ensemble:" >&2
        sed 's/^/      /' "$tmp/ref.txt" >&2
        echo "    $1:" >&2
        sed 's/^/      /' "$tmp/got.txt" >&2
    fi
}

# ---- pkg-config ------------------------------------------------------------------
if command -v pkg-config > /dev/null 2>&1; then
    PKG_CONFIG_PATH=$libdir/pkgconfig
    export PKG_CONFIG_PATH
    expect_exit 0 "pkg-config --modversion brink" pkg-config --modversion brink
    has "$tmp/out" "0.1.0" "pkg-config's version of brink"
    flags=$(pkg-config --cflags --libs brink)
    sflags=$(pkg-config --static --cflags --libs brink)
    echo "$sflags" > "$tmp/sflags"
    for l in -lbrink -lyaml -ljansson -lgsl -lsleef -lm -lpthread; do
        has "$tmp/sflags" "$l" "pkg-config --static --libs brink lacks $l"
    done
    # shared: plain pkg-config links libbrink.so
    # shellcheck disable=SC2086
    expect_exit 0 "cc \$(pkg-config --cflags --libs brink)" "$cc" -std=c17 -Wall -Wextra \
        -Werror $san_flags -o "$tmp/shared" "$src/outcomes.c" $flags
    if [ -x "$tmp/shared" ]; then
        if command -v readelf > /dev/null 2>&1; then
            readelf -d "$tmp/shared" > "$tmp/dyn" 2>&1
            has "$tmp/dyn" "libbrink.so.0" "the pkg-config program does not use libbrink.so.0"
        fi
        expect_exit 0 "the pkg-config program runs" env LD_LIBRARY_PATH="$libdir" \
            "$tmp/shared" "$runs" "$seed"
        same_outcomes "pkg-config (libbrink.so)" "$tmp/out"
        cp "$tmp/out" "$tmp/c.txt"
    fi
    # static: pkg-config --static, a fully static program (not under the
    # sanitizers, whose runtimes cannot be linked statically). Debian's
    # libsleef-dev ships no static archive: without one, libbrink.a goes
    # into a program that uses the other libraries' shared objects.
    if [ -z "$san_flags" ]; then
        sleef_a=$("$cc" -print-file-name=libsleef.a)
        if [ -f "$sleef_a" ]; then
            static=-static
            slibs=$sflags
        else
            echo "note: no libsleef.a: libbrink.a is linked with shared system libraries"
            static=
            # shellcheck disable=SC2086
            slibs=$(printf '%s\n' $sflags | sed "s|^-lbrink\$|$libdir/libbrink.a|" | tr '\n' ' ')
        fi
        # shellcheck disable=SC2086
        expect_exit 0 "cc $static \$(pkg-config --static --cflags --libs brink)" "$cc" \
            -std=c17 -Wall -Wextra -Werror $static -o "$tmp/static" "$src/outcomes.c" $slibs
        if [ -x "$tmp/static" ]; then
            if command -v readelf > /dev/null 2>&1; then
                readelf -d "$tmp/static" > "$tmp/dyn" 2>&1
                lacks "$tmp/dyn" "libbrink.so" "the static program uses libbrink.so"
            fi
            expect_exit 0 "the static program runs" "$tmp/static" "$runs" "$seed"
            same_outcomes "pkg-config --static (libbrink.a)" "$tmp/out"
        fi
    else
        skip "a fully static program cannot be linked under the sanitizers"
    fi
else
    skip "pkg-config not found: the pkg-config builds are not checked"
fi

# ---- find_package(brink) ----------------------------------------------------------
for target in brink::brink brink::brink_static; do
    b=$tmp/consumer-${target#brink::}
    expect_exit 0 "find_package(brink), $target: configure" cmake -S "$src" -B "$b" \
        -DCMAKE_PREFIX_PATH="$prefix" -DBRINK_TARGET="$target" -DCMAKE_C_COMPILER="$cc" \
        -DCMAKE_C_FLAGS="$san_flags"
    expect_exit 0 "find_package(brink), $target: build" cmake --build "$b"
    if [ -x "$b/outcomes" ]; then
        expect_exit 0 "the find_package program ($target) runs" "$b/outcomes" "$runs" "$seed"
        same_outcomes "find_package(brink) with $target" "$tmp/out"
        if command -v readelf > /dev/null 2>&1; then
            readelf -d "$b/outcomes" > "$tmp/dyn" 2>&1
            if [ "$target" = brink::brink ]; then
                has "$tmp/dyn" "libbrink.so.0" "brink::brink does not link libbrink.so"
            else
                lacks "$tmp/dyn" "libbrink.so" "brink::brink_static links libbrink.so"
            fi
        fi
    fi
done

# ---- the Python module ------------------------------------------------------------
pydir=$prefix/lib/python3/dist-packages
for f in "$BRINK_SOURCE_DIR"/python/brink/*.py; do
    check "python module: brink/$(basename "$f") installed" cmp -s "$f" \
        "$pydir/brink/$(basename "$f")"
done
check "python module: brink/_install.py installed" test -f "$pydir/brink/_install.py"
if py=$(brink_find_python "cffi numpy pandas"); then
    # the installed package finds the installed library by itself: no
    # BRINK_LIBRARY, no LD_LIBRARY_PATH, run from elsewhere than the source
    (
        brink_sanitizer_preload
        cd "$tmp" && env -u BRINK_LIBRARY -u LD_LIBRARY_PATH PYTHONPATH="$pydir" \
            PYTHONDONTWRITEBYTECODE=1 "$py" -c \
            'import brink; print(brink.LIBRARY_PATH); print(brink.__file__)'
    ) > "$tmp/pyloc" 2>&1
    if [ "$(sed -n 1p "$tmp/pyloc")" = "$libdir/libbrink.so.0" ] &&
        [ "$(sed -n 2p "$tmp/pyloc")" = "$pydir/brink/__init__.py" ]; then
        ok
    else
        bad "the installed module does not use the installed package and library:"
        sed 's/^/    /' "$tmp/pyloc" >&2
    fi
    (
        brink_sanitizer_preload
        cd "$tmp" && env -u BRINK_LIBRARY -u LD_LIBRARY_PATH PYTHONPATH="$pydir" \
            PYTHONDONTWRITEBYTECODE=1 "$py" "$src/outcomes.py" "$runs" "$seed"
    ) > "$tmp/py.txt" 2> "$tmp/err"
    rc=$?
    if [ "$rc" -eq 0 ]; then ok; else
        bad "examples/outcomes.py with the installed module: exit $rc"
        sed 's/^/    /' "$tmp/err" >&2
    fi
    same_outcomes "examples/outcomes.py (the installed module)" "$tmp/py.txt"
    if [ -f "$tmp/c.txt" ]; then
        # the C program and the Python script print the same lines
        check "examples/outcomes.py prints what examples/outcomes.c prints" \
            cmp -s "$tmp/c.txt" "$tmp/py.txt"
    fi
else
    skip "no Python 3 with cffi, numpy and pandas: the installed module is not run"
fi

# ---- man pages ------------------------------------------------------------------
pages="$prefix/share/man/man1/brink.1"
for c in $cmds; do pages="$pages $prefix/share/man/man1/brink-$c.1"; done
if command -v man > /dev/null 2>&1 && command -v nroff > /dev/null 2>&1; then
    for page in $pages; do
        name=$(basename "$page" .1)
        LC_ALL=C MANWIDTH=80 MANPAGER=cat PAGER=cat man --warnings -l "$page" \
            > "$tmp/man.out" 2> "$tmp/man.err"
        rc=$?
        if [ "$rc" -eq 0 ] && [ ! -s "$tmp/man.err" ]; then ok; else
            bad "man -l $name.1: exit $rc"
            sed 's/^/    /' "$tmp/man.err" >&2
        fi
        if grep -Eq "^ +$name +- " "$tmp/man.out"; then ok; else
            bad "man -l $name.1 lacks its NAME line"
        fi
    done
    has "$tmp/man.out" "OPTIONS" "the last man page lacks OPTIONS"
elif command -v groff > /dev/null 2>&1; then
    for page in $pages; do
        expect_exit 0 "groff -man $(basename "$page")" groff -man -Tascii -ww "$page"
    done
else
    skip "neither man nor groff is installed: the man pages are not read"
fi

finish

#include "brink/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void brink_error_clear(brink_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

brink_status brink_error_set(brink_error *err, brink_status code, const char *file,
                             int line, int column, const char *path,
                             const char *fmt, ...)
{
    if (!err)
        return code;
    memset(err, 0, sizeof *err);
    err->code = code;
    err->line = line;
    err->column = column;
    if (file)
        snprintf(err->file, sizeof err->file, "%s", file);
    if (path)
        snprintf(err->path, sizeof err->path, "%s", path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void brink_error_hint(brink_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->hint, sizeof err->hint, fmt, ap);
    va_end(ap);
}

/* Copies line `line` (1-based) of `src` into out, tabs kept. */
static int source_line(const char *src, int line, char *out, size_t size)
{
    int cur = 1;
    const char *p = src;
    while (*p && cur < line) {
        if (*p == '\n')
            cur++;
        p++;
    }
    if (cur != line || !*p)
        return 0;
    size_t n = strcspn(p, "\r\n");
    if (n >= size)
        n = size - 1;
    memcpy(out, p, n);
    out[n] = '\0';
    return 1;
}

size_t brink_error_format(const brink_error *err, const char *source, char *buf,
                          size_t size)
{
    size_t used = 0;
#define EMIT(...)                                                                  \
    do {                                                                           \
        int n_ = snprintf(buf + used, used < size ? size - used : 0, __VA_ARGS__); \
        if (n_ > 0)                                                                \
            used += (size_t)n_;                                                    \
    } while (0)
    if (size == 0)
        return 0;
    buf[0] = '\0';
    if (err->file[0]) {
        if (err->line > 0)
            EMIT("%s:%d:%d: ", err->file, err->line, err->column);
        else
            EMIT("%s: ", err->file);
    }
    EMIT("error: ");
    if (err->path[0])
        EMIT("%s: ", err->path);
    EMIT("%s\n", err->message);
    if (source && err->line > 0) {
        char text[256];
        if (source_line(source, err->line, text, sizeof text)) {
            EMIT("  %5d | %s\n        | ", err->line, text);
            for (int i = 1; i < err->column && i < (int)sizeof text; i++)
                EMIT("%c", text[i - 1] == '\t' ? '\t' : ' ');
            EMIT("^\n");
        }
    }
    if (err->hint[0])
        EMIT("  hint: %s\n", err->hint);
#undef EMIT
    return used < size ? used : size - 1;
}

void brink_error_list_add(brink_error_list *list, const brink_error *err)
{
    if (!list || !err)
        return;
    if (list->count < BRINK_MAX_ERRORS)
        list->items[list->count++] = *err;
    else
        list->dropped++;
}

#include "core/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

brink_status brink_atomic_open(brink_atomic_file *af, const char *path, brink_error *err)
{
    memset(af, 0, sizeof *af);
    if (snprintf(af->path, sizeof af->path, "%s", path) >= (int)sizeof af->path)
        return brink_error_set(err, BRINK_ERR_INPUT, path, 0, 0, NULL, "output path too long");
    snprintf(af->tmp, sizeof af->tmp, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(af->tmp);
    if (fd < 0)
        return brink_error_set(err, BRINK_ERR_RUNTIME, path, 0, 0, NULL,
                               "cannot create '%s': %s", af->tmp, strerror(errno));
    fchmod(fd, 0644);
    af->fp = fdopen(fd, "w");
    if (!af->fp) {
        close(fd);
        unlink(af->tmp);
        return brink_error_set(err, BRINK_ERR_RUNTIME, path, 0, 0, NULL,
                               "cannot open '%s': %s", af->tmp, strerror(errno));
    }
    return BRINK_OK;
}

brink_status brink_atomic_commit(brink_atomic_file *af, brink_error *err)
{
    if (!af->fp)
        return brink_error_set(err, BRINK_ERR_RUNTIME, af->path, 0, 0, NULL,
                               "file not open");
    int bad = ferror(af->fp);
    if (fflush(af->fp) != 0 || fsync(fileno(af->fp)) != 0)
        bad = 1;
    if (fclose(af->fp) != 0)
        bad = 1;
    af->fp = NULL;
    if (bad) {
        unlink(af->tmp);
        return brink_error_set(err, BRINK_ERR_RUNTIME, af->path, 0, 0, NULL,
                               "cannot write '%s': %s", af->path, strerror(errno));
    }
    if (rename(af->tmp, af->path) != 0) {
        int e = errno;
        unlink(af->tmp);
        return brink_error_set(err, BRINK_ERR_RUNTIME, af->path, 0, 0, NULL,
                               "cannot rename to '%s': %s", af->path, strerror(e));
    }
    return BRINK_OK;
}

void brink_atomic_abort(brink_atomic_file *af)
{
    if (af->fp) {
        fclose(af->fp);
        af->fp = NULL;
        unlink(af->tmp);
    }
}

brink_status brink_mkdirs(const char *dir, brink_error *err)
{
    char buf[1024];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
        return brink_error_set(err, BRINK_ERR_INPUT, dir, 0, 0, NULL, "directory path too long");
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return brink_error_set(err, BRINK_ERR_RUNTIME, dir, 0, 0, NULL,
                                   "cannot create directory '%s': %s", buf, strerror(errno));
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
        return brink_error_set(err, BRINK_ERR_RUNTIME, dir, 0, 0, NULL,
                               "cannot create directory '%s': %s", buf, strerror(errno));
    struct stat st;
    if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
        return brink_error_set(err, BRINK_ERR_INPUT, dir, 0, 0, NULL,
                               "'%s' is not a directory", buf);
    return BRINK_OK;
}

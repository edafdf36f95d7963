/* renameat2 and RENAME_EXCHANGE (Linux) */
#define _GNU_SOURCE

#include "core/atomic_file.h"
#include "core/parallel.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the registry of temporary files, for brink_atomic_cleanup ------------- */

enum { SLOT_FREE = 0, SLOT_BUSY, SLOT_FILE, SLOT_DIR };
#define TEMP_SLOTS 64

typedef struct {
    atomic_int state;
    char path[BRINK_TMP_PATH_SIZE];
    const char *const *names; /* SLOT_DIR: the set's files */
} temp_slot;

static temp_slot temps[TEMP_SLOTS];

/* Registers a temporary path; -1 when the registry is full (the path is then
 * not removed by brink_atomic_cleanup, nothing worse). */
static int slot_take(const char *path, const char *const *names, int kind)
{
    for (int i = 0; i < TEMP_SLOTS; i++) {
        int expect = SLOT_FREE;
        if (!atomic_compare_exchange_strong(&temps[i].state, &expect, SLOT_BUSY))
            continue;
        snprintf(temps[i].path, sizeof temps[i].path, "%s", path);
        temps[i].names = names;
        atomic_store(&temps[i].state, kind);
        return i;
    }
    return -1;
}

static void slot_release(int *slot)
{
    if (*slot >= 0)
        atomic_store(&temps[*slot].state, SLOT_FREE);
    *slot = -1;
}

/* dir + "/" + name into buf without stdio (async-signal-safe); 0 if it fits. */
static int join_path(char *buf, size_t size, const char *dir, const char *name)
{
    size_t n = 0;
    for (const char *p = dir; *p; p++)
        if (n + 1 < size)
            buf[n++] = *p;
        else
            return -1;
    if (n + 1 >= size)
        return -1;
    buf[n++] = '/';
    for (const char *p = name; *p; p++)
        if (n + 1 < size)
            buf[n++] = *p;
        else
            return -1;
    buf[n] = '\0';
    return 0;
}

void brink_atomic_cleanup(void)
{
    for (int i = 0; i < TEMP_SLOTS; i++)
        if (atomic_load(&temps[i].state) == SLOT_FILE)
            unlink(temps[i].path);
    for (int i = 0; i < TEMP_SLOTS; i++) {
        if (atomic_load(&temps[i].state) != SLOT_DIR)
            continue;
        char p[BRINK_TMP_PATH_SIZE + 256];
        for (const char *const *n = temps[i].names; n && *n; n++)
            if (join_path(p, sizeof p, temps[i].path, *n) == 0)
                unlink(p);
        rmdir(temps[i].path);
    }
}

/* Signals wait while the temporary paths on disk and in the registry
 * disagree (a path created but not yet registered, a swap half done), so
 * that brink_atomic_cleanup always finds what there is to remove. */
static void hold_signals(sigset_t *old)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, old);
}

static void release_signals(const sigset_t *old)
{
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* ---- names and checks ------------------------------------------------------ */

static const char *kind_of(mode_t m)
{
    if (S_ISREG(m))
        return "a regular file";
    if (S_ISDIR(m))
        return "a directory";
    if (S_ISLNK(m))
        return "a symbolic link";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISSOCK(m))
        return "a socket";
    return "of an unknown kind";
}

/* Outputs replace regular files only. */
static brink_status check_replaceable(const char *path, const char *shown, brink_error *err)
{
    struct stat st;
    if (lstat(path, &st) != 0 || S_ISREG(st.st_mode))
        return BRINK_OK;
    brink_error_set(err, BRINK_ERR_INPUT, shown, 0, 0, NULL,
                    "'%s' is %s; an output replaces only a regular file", shown,
                    kind_of(st.st_mode));
    brink_error_hint(err, "write to another path, or remove '%s' first", shown);
    return BRINK_ERR_INPUT;
}

static brink_status check_length(const char *path, size_t max, const char *what,
                                 brink_error *err)
{
    if (strlen(path) > max)
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL,
                               "%s path of %zu bytes is too long (at most %zu)", what,
                               strlen(path), max);
    return BRINK_OK;
}

/* The directory part of path ("." when none) into buf, and its last part. */
static const char *split_path(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(dir, size, ".");
        return path;
    }
    snprintf(dir, size, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    return slash + 1;
}

/* "BASE.tmp.PID.XXXXXX": the pid, or -1 when name is no temporary of base. */
static long temp_owner(const char *name, const char *base)
{
    size_t n = strlen(base);
    if (strncmp(name, base, n) != 0 || strncmp(name + n, ".tmp.", 5) != 0)
        return -1;
    const char *p = name + n + 5;
    long pid = 0;
    if (*p < '0' || *p > '9')
        return -1;
    for (; *p >= '0' && *p <= '9'; p++) {
        pid = pid * 10 + (*p - '0');
        if (pid > INT_MAX)
            return -1;
    }
    if (*p != '.' || strlen(p + 1) != 6)
        return -1;
    return pid;
}

static int is_owned(const char *const *names, const char *name)
{
    for (const char *const *n = names; n && *n; n++)
        if (strcmp(*n, name) == 0)
            return 1;
    return 0;
}

/* Empties a stale temporary directory of what a set writes there (its own
 * files, temporary files, links to files of the target) and removes it;
 * leaves it when anything else is inside. */
static void remove_stale_dir(const char *dir, const char *const *names)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char p[BRINK_TMP_PATH_SIZE + 256];
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        if (join_path(p, sizeof p, dir, e->d_name) != 0 || lstat(p, &st) != 0 ||
            S_ISDIR(st.st_mode))
            continue;
        if (is_owned(names, e->d_name) || strstr(e->d_name, ".tmp.") || st.st_nlink > 1)
            unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

/* Removes temporary files and directories of `path` left by processes that
 * no longer run. */
static void remove_stale(const char *path, const char *const *names)
{
    char dir[BRINK_PATH_MAX + 1];
    const char *base = split_path(path, dir, sizeof dir);
    if (!*base)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long pid = temp_owner(e->d_name, base);
        if (pid <= 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char p[BRINK_TMP_PATH_SIZE + 256];
        struct stat st;
        if (join_path(p, sizeof p, dir, e->d_name) != 0 || lstat(p, &st) != 0)
            continue;
        if (S_ISREG(st.st_mode))
            unlink(p);
        else if (S_ISDIR(st.st_mode))
            remove_stale_dir(p, names);
    }
    closedir(d);
}

/* "PATH.tmp.PID.XXXXXX" into buf. */
static void temp_template(char *buf, size_t size, const char *path)
{
    snprintf(buf, size, "%s.tmp.%ld.XXXXXX", path, (long)getpid());
}

/* Best effort: makes a rename in dir durable. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* ---- one file ---------------------------------------------------------------- */

brink_status brink_atomic_open(brink_atomic_file *af, const char *path, brink_error *err)
{
    memset(af, 0, sizeof *af);
    af->slot = -1;
    if (check_length(path, BRINK_PATH_MAX, "output file", err) != BRINK_OK ||
        check_replaceable(path, path, err) != BRINK_OK)
        return BRINK_ERR_INPUT;
    snprintf(af->path, sizeof af->path, "%s", path);
    if (brink_parallel_rank() > 0) {
        /* one process of a job writes; the others' output goes nowhere */
        af->discard = 1;
        af->fp = tmpfile();
        if (!af->fp)
            return brink_error_set(err, BRINK_ERR_RUNTIME, path, 0, 0, NULL,
                                   "cannot open a temporary file: %s", strerror(errno));
        return BRINK_OK;
    }
    remove_stale(path, NULL);
    temp_template(af->tmp, sizeof af->tmp, path);
    sigset_t mask;
    hold_signals(&mask);
    int fd = mkstemp(af->tmp), e = errno;
    if (fd >= 0)
        af->slot = slot_take(af->tmp, NULL, SLOT_FILE);
    release_signals(&mask);
    if (fd < 0)
        return brink_error_set(err, BRINK_ERR_RUNTIME, path, 0, 0, NULL,
                               "cannot create '%s': %s", af->tmp, strerror(e));
    fchmod(fd, 0644);
    af->fp = fdopen(fd, "w");
    if (!af->fp) {
        e = errno;
        close(fd);
        unlink(af->tmp);
        slot_release(&af->slot);
        return brink_error_set(err, BRINK_ERR_RUNTIME, path, 0, 0, NULL,
                               "cannot open '%s': %s", af->tmp, strerror(e));
    }
    return BRINK_OK;
}

brink_status brink_atomic_commit(brink_atomic_file *af, brink_error *err)
{
    if (!af->fp)
        return brink_error_set(err, BRINK_ERR_RUNTIME, af->path, 0, 0, NULL,
                               "file not open");
    if (af->discard) {
        fclose(af->fp);
        af->fp = NULL;
        return BRINK_OK;
    }
    int bad = ferror(af->fp), e = bad ? EIO : 0;
    if (fflush(af->fp) != 0 || fsync(fileno(af->fp)) != 0) {
        bad = 1;
        e = errno;
    }
    if (fclose(af->fp) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    af->fp = NULL;
    brink_status st = BRINK_OK;
    if (bad)
        st = brink_error_set(err, BRINK_ERR_RUNTIME, af->path, 0, 0, NULL,
                             "cannot write '%s': %s", af->path, strerror(e));
    /* again: something may have appeared there while the file was written */
    else if (check_replaceable(af->path, af->path, err) != BRINK_OK)
        st = BRINK_ERR_INPUT;
    else if (rename(af->tmp, af->path) != 0)
        st = brink_error_set(err, BRINK_ERR_RUNTIME, af->path, 0, 0, NULL,
                             "cannot rename to '%s': %s", af->path, strerror(errno));
    if (st != BRINK_OK)
        unlink(af->tmp);
    slot_release(&af->slot);
    return st;
}

void brink_atomic_abort(brink_atomic_file *af)
{
    if (af->fp) {
        fclose(af->fp);
        af->fp = NULL;
        unlink(af->tmp);
    }
    slot_release(&af->slot);
}

/* ---- a set of files -------------------------------------------------------- */

/* A new directory with a unique name from template t (mode 0777 less the
 * umask, as mkdir gives, where mkdtemp would give 0700). */
static int make_temp_dir(char *t)
{
    size_t n = strlen(t);
    for (int tries = 0; tries < 100; tries++) {
        memcpy(t + n - 6, "XXXXXX", 6);
        if (!mkdtemp(t) || rmdir(t) != 0)
            return -1;
        if (mkdir(t, 0777) == 0)
            return 0;
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}

/* Creates directory `dir` (and its parents) if missing. */
static brink_status mkdirs(const char *dir, brink_error *err)
{
    char buf[BRINK_PATH_MAX + 1];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
        return brink_error_set(err, BRINK_ERR_INPUT, dir, 0, 0, NULL,
                               "directory path too long (at most %d bytes)", BRINK_PATH_MAX);
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

/* 1 when the directory `dir` is the current directory or holds it. */
static int holds_cwd(const char *dir)
{
    char cwd[PATH_MAX], real[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd) || !realpath(dir, real))
        return 0;
    size_t n = strlen(real);
    if (n == 1)
        return 1; /* the root */
    return strncmp(cwd, real, n) == 0 && (cwd[n] == '\0' || cwd[n] == '/');
}

static brink_status dir_error(brink_error *err, brink_status code, const char *dir,
                              const char *what, const char *path, int e)
{
    return brink_error_set(err, code, dir, 0, 0, NULL, "%s '%s': %s", what, path, strerror(e));
}

/* Checks the target directory's entries: the set's own files must be regular
 * files; the others are carried into the new set, so they must be files
 * (a directory cannot be linked). */
static brink_status check_entries(const brink_atomic_dir *ad, const char *shown,
                                  brink_error *err)
{
    DIR *d = opendir(ad->dir);
    if (!d)
        return dir_error(err, BRINK_ERR_RUNTIME, shown, "cannot read directory", shown,
                         errno);
    struct dirent *e;
    brink_status st = BRINK_OK;
    while (st == BRINK_OK && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[BRINK_PATH_MAX + 256];
        struct stat s;
        if (join_path(p, sizeof p, ad->dir, e->d_name) != 0 || lstat(p, &s) != 0)
            continue;
        if (is_owned(ad->names, e->d_name)) {
            st = check_replaceable(p, p, err);
        } else if (S_ISDIR(s.st_mode)) {
            st = brink_error_set(err, BRINK_ERR_INPUT, shown, 0, 0, NULL,
                                 "'%s' holds the directory '%s'; an output set replaces its "
                                 "directory as a whole and carries only files across",
                                 shown, e->d_name);
            brink_error_hint(err, "give the output set a directory of its own");
        }
    }
    closedir(d);
    return st;
}

/* Another process than the first of a job: the set is written to a directory
 * of its own under TMPDIR and removed at commit, so that one process alone
 * writes outputs. */
static brink_status open_discarded(brink_atomic_dir *ad, const char *dir, brink_error *err)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    snprintf(ad->tmp, sizeof ad->tmp, "%s/brink-set.%ld.XXXXXX", tmp, (long)getpid());
    sigset_t mask;
    hold_signals(&mask);
    int made = mkdtemp(ad->tmp) ? 0 : -1, e = errno;
    if (made == 0)
        ad->slot = slot_take(ad->tmp, ad->names, SLOT_DIR);
    release_signals(&mask);
    if (made != 0)
        return dir_error(err, BRINK_ERR_RUNTIME, dir, "cannot create a temporary directory for",
                         dir, e);
    ad->discard = 1;
    ad->open = 1;
    return BRINK_OK;
}

brink_status brink_atomic_dir_open(brink_atomic_dir *ad, const char *dir,
                                   const char *const *names, brink_error *err)
{
    memset(ad, 0, sizeof *ad);
    ad->slot = -1;
    ad->names = names;
    if (check_length(dir, BRINK_DIR_MAX, "output directory", err) != BRINK_OK)
        return BRINK_ERR_INPUT;
    /* no trailing slashes: "out/" is "out" */
    char given[BRINK_PATH_MAX + 1];
    snprintf(given, sizeof given, "%s", dir);
    for (size_t n = strlen(given); n > 1 && given[n - 1] == '/'; n--)
        given[n - 1] = '\0';
    if (!given[0])
        return brink_error_set(err, BRINK_ERR_INPUT, NULL, 0, 0, NULL, "empty output directory");
    struct stat st;
    int exists = lstat(given, &st) == 0;
    if (!exists && errno != ENOENT)
        return dir_error(err, BRINK_ERR_RUNTIME, dir, "cannot use", dir, errno);
    const char *base = strrchr(given, '/');
    base = base ? base + 1 : given;
    if (exists && (S_ISLNK(st.st_mode) || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)) {
        /* a link to a directory: the set goes where it points */
        char real[PATH_MAX];
        if (!realpath(given, real))
            return dir_error(err, BRINK_ERR_INPUT, dir, "cannot resolve", dir, errno);
        if (check_length(real, BRINK_DIR_MAX, "output directory", err) != BRINK_OK)
            return BRINK_ERR_INPUT;
        memcpy(given, real, strlen(real) + 1); /* at most BRINK_DIR_MAX bytes */
        exists = stat(given, &st) == 0;
    }
    if (exists && !S_ISDIR(st.st_mode))
        return brink_error_set(err, BRINK_ERR_INPUT, dir, 0, 0, NULL,
                               "'%s' is %s, not a directory", dir, kind_of(st.st_mode));
    if (exists && holds_cwd(given)) {
        brink_error_set(err, BRINK_ERR_INPUT, dir, 0, 0, NULL,
                        "'%s' holds the current directory; an output set replaces its "
                        "directory as a whole", dir);
        brink_error_hint(err, "give the output set a directory of its own, e.g. '%s/out'", dir);
        return BRINK_ERR_INPUT;
    }
    snprintf(ad->dir, sizeof ad->dir, "%s", given);
    if (brink_parallel_rank() > 0)
        return open_discarded(ad, dir, err);
    char parent[BRINK_PATH_MAX + 1];
    split_path(ad->dir, parent, sizeof parent);
    brink_status rc = exists ? check_entries(ad, dir, err) : mkdirs(parent, err);
    if (rc != BRINK_OK)
        return rc;
    remove_stale(ad->dir, names);
    temp_template(ad->tmp, sizeof ad->tmp, ad->dir);
    sigset_t mask;
    hold_signals(&mask);
    int made = make_temp_dir(ad->tmp), e = errno;
    if (made == 0)
        ad->slot = slot_take(ad->tmp, names, SLOT_DIR);
    release_signals(&mask);
    if (made != 0)
        return dir_error(err, BRINK_ERR_RUNTIME, dir,
                         "cannot create a directory for the new set beside", dir, e);
    ad->open = 1;
    return BRINK_OK;
}

brink_status brink_atomic_dir_path(const brink_atomic_dir *ad, const char *name, char *buf,
                                   size_t size, brink_error *err)
{
    if (!ad->open || !is_owned(ad->names, name))
        return brink_error_set(err, BRINK_ERR_RUNTIME, ad->dir, 0, 0, NULL,
                               "'%s' is not a file of this output set", name);
    int n = snprintf(buf, size, "%s/%s", ad->tmp, name);
    if (n < 0 || (size_t)n >= size || (size_t)n > BRINK_PATH_MAX)
        return brink_error_set(err, BRINK_ERR_RUNTIME, ad->dir, 0, 0, NULL,
                               "no room for the path of '%s' in '%s'", name, ad->tmp);
    return BRINK_OK;
}

/* Links every entry of the old directory that the set does not own into the
 * new one (files and symbolic links; directories were refused at open). */
static brink_status carry_entries(const brink_atomic_dir *ad, brink_error *err)
{
    DIR *d = opendir(ad->dir);
    if (!d)
        return dir_error(err, BRINK_ERR_RUNTIME, ad->dir, "cannot read directory", ad->dir,
                         errno);
    struct dirent *e;
    brink_status st = BRINK_OK;
    while (st == BRINK_OK && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            is_owned(ad->names, e->d_name))
            continue;
        char from[BRINK_PATH_MAX + 256], to[BRINK_TMP_PATH_SIZE + 256];
        if (join_path(from, sizeof from, ad->dir, e->d_name) != 0 ||
            join_path(to, sizeof to, ad->tmp, e->d_name) != 0)
            st = brink_error_set(err, BRINK_ERR_RUNTIME, ad->dir, 0, 0, NULL,
                                 "path too long in '%s'", ad->dir);
        else if (linkat(AT_FDCWD, from, AT_FDCWD, to, 0) != 0 && errno != ENOENT)
            st = dir_error(err, BRINK_ERR_RUNTIME, ad->dir,
                           "cannot carry into the new set the file", from, errno);
    }
    closedir(d);
    return st;
}

/* Exchanges the names of the new set and the target (atomically where the
 * file system can); afterwards `old` names the old directory. */
static int swap_in(const brink_atomic_dir *ad, char *old, size_t size)
{
#ifdef RENAME_EXCHANGE
    if (renameat2(AT_FDCWD, ad->tmp, AT_FDCWD, ad->dir, RENAME_EXCHANGE) == 0) {
        snprintf(old, size, "%s", ad->tmp);
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return -1;
#endif
    /* two renames: for an instant the target is missing, never mixed */
    temp_template(old, size, ad->dir);
    if (make_temp_dir(old) != 0 || rmdir(old) != 0 || rename(ad->dir, old) != 0)
        return -1;
    if (rename(ad->tmp, ad->dir) != 0) {
        int e = errno;
        rename(old, ad->dir);
        errno = e;
        return -1;
    }
    return 0;
}

static void abort_held(brink_atomic_dir *ad);

/* brink_atomic_dir_commit with signals held. */
static brink_status commit_held(brink_atomic_dir *ad, brink_error *err)
{
    sync_dir(ad->tmp);
    char parent[BRINK_PATH_MAX + 1];
    split_path(ad->dir, parent, sizeof parent);
    struct stat st;
    brink_status rc = BRINK_OK;
    if (lstat(ad->dir, &st) != 0) {
        /* no target: the new set takes its name */
        if (errno == ENOENT && rename(ad->tmp, ad->dir) == 0) {
            sync_dir(parent);
            slot_release(&ad->slot);
            ad->open = 0;
            return BRINK_OK;
        }
        if (errno != EEXIST && errno != ENOTEMPTY) {
            rc = dir_error(err, BRINK_ERR_RUNTIME, ad->dir, "cannot move the new set to",
                           ad->dir, errno);
            abort_held(ad);
            return rc;
        }
    }
    /* the target exists (or appeared meanwhile): keep its mode and owner,
     * carry its other files, swap */
    if (lstat(ad->dir, &st) != 0) {
        rc = dir_error(err, BRINK_ERR_RUNTIME, ad->dir, "cannot replace", ad->dir, errno);
    } else if (!S_ISDIR(st.st_mode)) {
        rc = brink_error_set(err, BRINK_ERR_INPUT, ad->dir, 0, 0, NULL,
                             "'%s' is %s, not a directory", ad->dir, kind_of(st.st_mode));
    } else {
        chmod(ad->tmp, st.st_mode & 07777);
        if (chown(ad->tmp, st.st_uid, st.st_gid) != 0) {
            /* not ours to give away: the new set stays ours */
        }
        rc = check_entries(ad, ad->dir, err);
        if (rc == BRINK_OK)
            rc = carry_entries(ad, err);
    }
    char old[BRINK_TMP_PATH_SIZE];
    if (rc == BRINK_OK && swap_in(ad, old, sizeof old) != 0)
        rc = dir_error(err, BRINK_ERR_RUNTIME, ad->dir, "cannot swap in the new set at", ad->dir,
                       errno);
    if (rc != BRINK_OK) {
        abort_held(ad);
        return rc;
    }
    if (strcmp(old, ad->tmp) != 0) {
        /* two renames: the old set is elsewhere */
        slot_release(&ad->slot);
        ad->slot = slot_take(old, ad->names, SLOT_DIR);
    }
    sync_dir(parent);
    /* the old set: its own files go; a file that is not linked into the new
     * set (it appeared during the swap) is moved across */
    DIR *d = opendir(old);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char p[BRINK_TMP_PATH_SIZE + 256], q[BRINK_PATH_MAX + 256];
            struct stat a, b;
            if (join_path(p, sizeof p, old, e->d_name) != 0 ||
                join_path(q, sizeof q, ad->dir, e->d_name) != 0 || lstat(p, &a) != 0)
                continue;
            int in_new = lstat(q, &b) == 0;
            if (is_owned(ad->names, e->d_name) ||
                (in_new && a.st_ino == b.st_ino && a.st_dev == b.st_dev))
                unlink(p);
            else if (!in_new)
                rename(p, q);
        }
        closedir(d);
    }
    rmdir(old);
    slot_release(&ad->slot);
    ad->open = 0;
    return BRINK_OK;
}

brink_status brink_atomic_dir_commit(brink_atomic_dir *ad, brink_error *err)
{
    if (!ad->open)
        return brink_error_set(err, BRINK_ERR_RUNTIME, ad->dir, 0, 0, NULL, "set not open");
    sigset_t mask;
    hold_signals(&mask);
    brink_status st = BRINK_OK;
    if (ad->discard)
        abort_held(ad);
    else
        st = commit_held(ad, err);
    release_signals(&mask);
    return st;
}

void brink_atomic_dir_abort(brink_atomic_dir *ad)
{
    sigset_t mask;
    hold_signals(&mask);
    abort_held(ad);
    release_signals(&mask);
}

static void abort_held(brink_atomic_dir *ad)
{
    if (ad->open) {
        char p[BRINK_TMP_PATH_SIZE + 256];
        for (const char *const *n = ad->names; n && *n; n++)
            if (join_path(p, sizeof p, ad->tmp, *n) == 0)
                unlink(p);
        /* links carried across before a failed swap */
        DIR *d = opendir(ad->tmp);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                struct stat s;
                if (join_path(p, sizeof p, ad->tmp, e->d_name) == 0 && lstat(p, &s) == 0 &&
                    !S_ISDIR(s.st_mode) && (s.st_nlink > 1 || S_ISLNK(s.st_mode)))
                    unlink(p);
            }
            closedir(d);
        }
        rmdir(ad->tmp);
        ad->open = 0;
    }
    slot_release(&ad->slot);
}

brink_status brink_atomic_dir_write(const char *dir, const char *const *names,
                                    brink_atomic_fill_fn fill, void *ctx, brink_error *err)
{
    brink_atomic_dir ad;
    brink_status st = brink_atomic_dir_open(&ad, dir, names, err);
    if (st != BRINK_OK)
        return st;
    st = fill(&ad, ctx, err);
    if (st == BRINK_OK)
        return brink_atomic_dir_commit(&ad, err);
    if (err) {
        /* name the file as the user knows it: DIR/NAME, not the new set's */
        char *fields[2] = {err->file, err->message};
        size_t sizes[2] = {sizeof err->file, sizeof err->message};
        for (int i = 0; i < 2; i++) {
            char *at = strstr(fields[i], ad.tmp);
            if (!at)
                continue;
            char rest[sizeof err->message];
            snprintf(rest, sizeof rest, "%s", at + strlen(ad.tmp));
            snprintf(at, sizes[i] - (size_t)(at - fields[i]), "%s%s", ad.dir, rest);
        }
    }
    brink_atomic_dir_abort(&ad);
    return st;
}

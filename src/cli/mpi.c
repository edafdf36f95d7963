/* MPI transport for ensembles (brink/parallel.h): compiled with Open MPI when
 * the build found it (BRINK_HAVE_MPI), otherwise a program that refuses to
 * run as several processes. */
#include "cli/mpi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/parallel.h"

/* The size of the job this process was started in by a launcher (mpirun,
 * mpiexec, srun), or 1. */
static int launched_size(void)
{
    static const char *const vars[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE",
                                       "MPI_LOCALNRANKS"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return atoi(v) > 1 ? atoi(v) : 1;
    }
    return 1;
}

#ifdef BRINK_HAVE_MPI
#include <limits.h>
#include <mpi.h>

static MPI_Comm comm = MPI_COMM_NULL;
static int joined;

static int t_send(void *user, int dest, int tag, const void *buf, size_t n)
{
    (void)user;
    if (n > INT_MAX)
        return -1;
    return MPI_Send(n ? buf : NULL, (int)n, MPI_BYTE, dest, tag, comm) != MPI_SUCCESS;
}

static int t_probe(void *user, int *src, int *tag, size_t *n)
{
    (void)user;
    int flag = 0, count = 0;
    MPI_Status st;
    if (MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, comm, &flag, &st) != MPI_SUCCESS || !flag)
        return 0;
    MPI_Get_count(&st, MPI_BYTE, &count);
    *src = st.MPI_SOURCE;
    *tag = st.MPI_TAG;
    *n = count > 0 ? (size_t)count : 0;
    return 1;
}

static int t_recv(void *user, int src, int tag, void *buf, size_t n)
{
    (void)user;
    if (n > INT_MAX)
        return -1;
    return MPI_Recv(buf, (int)n, MPI_BYTE, src, tag, comm, MPI_STATUS_IGNORE) != MPI_SUCCESS;
}

static int t_bcast(void *user, void *buf, size_t n)
{
    (void)user;
    if (n > INT_MAX)
        return -1;
    return MPI_Bcast(buf, (int)n, MPI_BYTE, 0, comm) != MPI_SUCCESS;
}

int cli_mpi_available(void)
{
    return 1;
}

int cli_mpi_start(int *argc, char ***argv)
{
    if (launched_size() <= 1 || joined)
        return 0;
    int provided = 0;
    /* only the thread that calls the library passes messages */
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        fprintf(stderr, "brink: error: cannot join the MPI job\n");
        return 1;
    }
    joined = 1;
    atexit(cli_mpi_finish);
    MPI_Comm_dup(MPI_COMM_WORLD, &comm);
    brink_transport t;
    memset(&t, 0, sizeof t);
    MPI_Comm_rank(comm, &t.rank);
    MPI_Comm_size(comm, &t.size);
    t.send = t_send;
    t.probe = t_probe;
    t.recv = t_recv;
    t.bcast = t_bcast;
    brink_parallel_set(&t);
    if (t.rank > 0) {
        /* process 0 prints for the job */
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
            return 1;
    }
    return 0;
}

void cli_mpi_finish(void)
{
    if (!joined)
        return;
    joined = 0;
    brink_parallel_set(NULL);
    int done = 0;
    MPI_Finalized(&done);
    if (!done) {
        if (comm != MPI_COMM_NULL)
            MPI_Comm_free(&comm);
        MPI_Finalize();
    }
}

#else

int cli_mpi_available(void)
{
    return 0;
}

int cli_mpi_start(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    int n = launched_size();
    if (n <= 1)
        return 0;
    fprintf(stderr,
            "brink: error: started as one of %d processes (mpirun), but this brink was built "
            "without MPI: every process would do the whole job. Install Open MPI "
            "(libopenmpi-dev) and rebuild, or run brink alone.\n",
            n);
    return 2;
}

void cli_mpi_finish(void)
{
}

#endif

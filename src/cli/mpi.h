/* The `brink` program as one process of an MPI job (see docs/cluster.md). */
#ifndef BRINK_CLI_MPI_H
#define BRINK_CLI_MPI_H

/* Started by mpirun (or srun), joins the job and shares ensembles among its
 * processes (brink/parallel.h); the processes other than 0 print nothing.
 * Otherwise does nothing. Returns 0, or an exit code when the job cannot be
 * joined (brink built without MPI but started as several processes: 2). */
int cli_mpi_start(int *argc, char ***argv);
/* Leaves the job (safe to call when not in one, and more than once). */
void cli_mpi_finish(void);
/* Whether this build can join an MPI job. */
int cli_mpi_available(void);

#endif

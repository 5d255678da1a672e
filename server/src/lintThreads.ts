/**
 * How ipmp-lint shares a run between threads when --jobs is not given. A module of its own,
 * without imports, so that `npm run bench` (scripts/bench/fleet.mjs) measures the choice this
 * makes rather than a copy of it.
 */

/**
 * On two cores, files are read ahead only in a tree of this many or more. Below, the reader
 * thread cost more than it saved: over generated fleets, 2,100 and 7,100 files ran 6% slower
 * with it than with --jobs 1, 12,000 files 5% faster, 17,500 files 8% faster.
 */
export const READ_AHEAD_FROM_FILES = 10_000;

export interface DefaultThreads {
  /** Threads that check: the main one and worker threads. */
  readonly checking: number;
  /** A second thread reads the files of the next hosts ahead of the one checking thread (from {@link READ_AHEAD_FROM_FILES} files on). */
  readonly readsAhead: boolean;
}

/**
 * One checking thread per core (at most 8), but one alone on two cores or fewer. A checking
 * thread keeps part of a second core busy with V8's own threads (its optimizing compiler is
 * about 30% of a run's CPU, its collector), and a worker thread's engine compiles the same code
 * again: on two cores a second checking thread was no faster over 5,000 hosts and took ~40% more
 * CPU. There, a second thread reads ahead of the one that checks instead (`npm run bench`
 * keeps measuring all three choices).
 */
export function defaultThreads(cores: number): DefaultThreads {
  const checking = cores <= 2 ? 1 : Math.min(8, cores);
  return { checking, readsAhead: checking === 1 && cores >= 2 };
}

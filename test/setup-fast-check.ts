// Property tests run with a fixed seed so CI is deterministic; explore with FC_SEED=<n> npx vitest run.
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261130), numRuns: Number(process.env.FC_RUNS ?? 100) });

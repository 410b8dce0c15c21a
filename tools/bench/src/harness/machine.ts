import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
  /** 1-minute load average when the bench started and ended: a noisy neighbour shows here. */
  loadAverage: { start: number; end?: number };
  note: string;
}

/** What the numbers were measured on. */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: { start: os.loadavg()[0] ?? 0 },
    note:
      'Shared, noisy machine: the local stack (Kafka, ClickHouse, Cassandra), the load generator ' +
      'and the system under test share these cores, and other work may run alongside. Compare ' +
      'numbers of the same run (side by side), not across runs or machines.',
  };
}

export const loadAverageNow = () => os.loadavg()[0] ?? 0;

/** What the figures were measured on: CPU, cores, memory, Node, Temporal CLI/server, PostgreSQL, load. */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import type postgres from 'postgres';
import { TEMPORAL_EMBEDDED_SERVER_VERSION, resolveTemporalCli } from '../launcher/temporal-cli';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  temporalCli: string;
  temporalServer: string;
  postgres: string;
  platform: string;
}

export async function machineInfo(sql: postgres.Sql, reusedTemporal: boolean): Promise<MachineInfo> {
  const cli = await resolveTemporalCli()
    .then((bin) => promisify(execFile)(bin, ['--version']))
    .then(({ stdout }) => stdout.trim())
    .catch(() => 'unknown');
  const [row] = await sql<{ version: string }[]>`select version()`;
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    temporalCli: cli,
    temporalServer: reusedTemporal ? 'external (reused)' : `dev server ${TEMPORAL_EMBEDDED_SERVER_VERSION} (SQLite file)`,
    postgres: row?.version.split(' on ')[0] ?? 'unknown',
    platform: `${os.type()} ${os.release()}`,
  };
}

/** The 1-minute load average (the machine is shared: figures come with it). */
export function load1(): number {
  return Math.round(os.loadavg()[0]! * 100) / 100;
}

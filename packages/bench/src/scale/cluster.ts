import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * A PostgreSQL cluster of the scale test's own (Debian's pg_createcluster),
 * so that restarting it in the middle of a write load disturbs nothing else
 * on the machine, such as the unit tests' server on 5432.
 */
export class Cluster {
  readonly version: string;

  constructor(readonly name: string, readonly port: number) {
    this.version = fs
      .readdirSync('/etc/postgresql')
      .sort((a, b) => Number(a) - Number(b))
      .pop()!;
  }

  private ctl(...args: string[]) {
    execFileSync(args[0], args.slice(1), { stdio: 'pipe' });
  }

  /** Creates it (trust for postgres on loopback, as on 5432) and starts it. */
  create() {
    this.drop();
    this.ctl(
      'pg_createcluster',
      this.version,
      this.name,
      '--port',
      String(this.port),
      // The outbox's latency counts from each action's commit.
      '-o',
      'track_commit_timestamp=on',
    );
    const hba = `/etc/postgresql/${this.version}/${this.name}/pg_hba.conf`;
    fs.writeFileSync(
      hba,
      `host all postgres 127.0.0.1/32 trust\n${fs.readFileSync(hba, 'utf8')}`,
    );
    this.ctl(
      'pg_ctlcluster',
      '--skip-systemctl-redirect',
      this.version,
      this.name,
      'start',
    );
  }

  restart() {
    this.ctl(
      'pg_ctlcluster',
      '--skip-systemctl-redirect',
      this.version,
      this.name,
      'restart',
    );
  }

  drop() {
    try {
      this.ctl('pg_dropcluster', '--stop', this.version, this.name);
    } catch {
      // not there
    }
  }
}

import type { OpName, OpOutput, OpParsed } from '../../../shared/contract';
import type { LocalDatabase } from '../../db/localDatabase';
import type { Divisions } from '../../divisions/divisions';
import type { SessionStore } from '../../auth/sessions';
import type { LoginThrottle } from '../../auth/loginThrottle';
import type { CallContext } from '../../services/context';
import type { JobRegistry } from '../../services/jobs';
import type { CustomerSearchIndex } from '../../services/searchIndex';
import type { SyncService } from '../../sync/syncService';
import type { SyncRunner } from '../../sync/runner';
import type { BackupService } from '../../backup/service';
import type { RestoreService } from '../../backup/restore';
import type { UploadStore } from '../../backup/uploads';

export interface BackupDeps {
  service: BackupService;
  restore: RestoreService;
  uploads: UploadStore;
  /** Throws unless the caller may upload, inspect and restore backups. */
  mayRestore(ctx: CallContext): void;
}

export interface HandlerDeps {
  db: LocalDatabase;
  index: CustomerSearchIndex;
  jobs: JobRegistry;
  divisions: Divisions;
  sessions: SessionStore;
  loginThrottle: LoginThrottle;
  sync: SyncService;
  syncRunner: SyncRunner;
  /** The database key when encrypted at rest. */
  key: Buffer | undefined;
  version: string;
  backup: BackupDeps;
}

export type Handler<K extends OpName> = (input: OpParsed<K>, ctx: CallContext) => OpOutput<K> | Promise<OpOutput<K>>;
export type Handlers = { [K in OpName]: Handler<K> };
/** The handlers of every operation whose name starts with `P` (e.g. 'customers.'). */
export type HandlerGroup<P extends string> = { [K in Extract<OpName, `${P}${string}`>]: Handler<K> };

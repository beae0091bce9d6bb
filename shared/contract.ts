/**
 * The one contract between UI and backend. Each operation is declared once: its input schema (parsed at the
 * trust boundary — IPC handler or HTTP route — before any backend code runs), whether it writes (then the
 * caller hears back only after the change is durable), which roles may call it, and its output type.
 * Adding an operation = one entry here + one handler in backend/host/handlers.ts + one call in the UI.
 */
import { z } from 'zod';
import type { AppInfo, Customer, CustomerPage, FileDownload, ImportPreview, ImportResult, JobStatus, Role, TableCounts, Village } from './domain';
import { ROLES } from './domain';
import { customerFields, entityId, postalCode, villageCode, villageName } from './schemas';

export interface OpSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  write: boolean;
  roles: readonly Role[];
  /** Phantom: carries the output type only. */
  readonly output?: O;
}

function op<O>() {
  return <I extends z.ZodType>(spec: { input: I; write: boolean; roles?: readonly Role[] }): OpSpec<I, O> => ({
    roles: ROLES,
    ...spec,
  });
}

const none = z.object({}).strict();
const staff: readonly Role[] = ['admin', 'supervisor', 'clerk'];

export const contract = {
  'app.info': op<AppInfo>()({ input: none, write: false }),
  'stats.counts': op<TableCounts>()({ input: none, write: false }),

  'villages.list': op<Village[]>()({ input: none, write: false }),
  'villages.create': op<Village>()({
    input: z.object({ name: villageName, code: villageCode, postalCode }).strict(),
    write: true,
    roles: staff,
  }),
  'villages.rename': op<Village>()({
    input: z.object({ id: entityId, name: villageName }).strict(),
    write: true,
    roles: staff,
  }),

  'customers.list': op<CustomerPage>()({
    input: z
      .object({
        query: z.string().max(100).optional(),
        villageId: entityId.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(200),
      })
      .strict(),
    write: false,
  }),
  'customers.get': op<Customer>()({ input: z.object({ id: entityId }).strict(), write: false }),
  'customers.create': op<Customer>()({ input: customerFields.strict(), write: true, roles: staff }),
  'customers.update': op<Customer>()({
    input: z.object({ id: entityId, fields: customerFields.strict() }).strict(),
    write: true,
    roles: staff,
  }),
  'customers.delete': op<{ id: string }>()({ input: z.object({ id: entityId }).strict(), write: true, roles: staff }),
  'customers.restore': op<Customer>()({ input: z.object({ id: entityId }).strict(), write: true, roles: staff }),
  'customers.export': op<FileDownload>()({ input: none, write: false, roles: staff }),

  /** Starts reading and checking a file; poll jobs.get, then fetch customers.importPreview. */
  'customers.importStart': op<{ jobId: string }>()({
    input: z
      .object({
        fileName: z.string().min(1).max(255),
        dataBase64: z.string().min(1, { error: '文件是空的' }),
        /** Field → 0-based column; omitted = recognise the headers automatically. */
        mapping: z.record(z.string(), z.number().int().min(0).max(500)).optional(),
      })
      .strict(),
    write: false,
    roles: staff,
  }),
  'customers.importPreview': op<ImportPreview>()({ input: z.object({ jobId: entityId }).strict(), write: false, roles: staff }),
  'customers.importCommit': op<ImportResult>()({
    input: z.object({ jobId: entityId, onDuplicate: z.enum(['update', 'skip'], { error: '请选择重复时更新还是跳过' }) }).strict(),
    write: true,
    roles: staff,
  }),
  'customers.importErrorReport': op<FileDownload>()({ input: z.object({ jobId: entityId }).strict(), write: false, roles: staff }),

  'grades.recompute': op<{ changed: number; distribution: Record<1 | 2 | 3 | 4, number> }>()({ input: none, write: true, roles: staff }),

  'jobs.get': op<JobStatus>()({ input: z.object({ id: entityId }).strict(), write: false }),
  'jobs.cancel': op<JobStatus>()({ input: z.object({ id: entityId }).strict(), write: false }),
} as const;

export type Contract = typeof contract;
export type OpName = keyof Contract;
export const OP_NAMES = Object.keys(contract) as OpName[];

/** What a caller passes (defaults optional, raw strings). */
export type OpInput<K extends OpName> = z.input<Contract[K]['input']>;
/** What a handler receives after parsing (normalised, defaults filled). */
export type OpParsed<K extends OpName> = z.output<Contract[K]['input']>;
export type OpOutput<K extends OpName> = Contract[K] extends OpSpec<z.ZodType, infer O> ? O : never;

/** The shape every transport (IPC preload, HTTP client, in-process) presents to the UI. */
export type Api = { [K in OpName]: (input: OpInput<K>) => Promise<OpOutput<K>> };

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** IPC channel of one operation; one channel per operation so the preload exposes no generic relay. */
export const ipcChannel = (name: OpName): string => `op:${name}`;

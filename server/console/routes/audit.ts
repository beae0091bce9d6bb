/** 操作记录: what people did in the console and at the command line, for a 市局管理员. */
import { listAudit } from '../../audit';
import { json, type Route } from '../router';

export const auditRoutes: Route[] = [{ method: 'GET', path: /^\/audit$/, adminOnly: true, run: async (ctx) => json(await listAudit(ctx.db)) }];

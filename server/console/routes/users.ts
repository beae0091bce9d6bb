/** 用户: the 市局's console accounts, managed by a 市局管理员. */
import { createUserInput } from '../../../shared/hubConsole';
import { createHubUser, disableHubUser, listHubUsers } from '../accounts';
import { json, type Route } from '../router';
import { parse } from '../web';

export const userRoutes: Route[] = [
  { method: 'GET', path: /^\/users$/, adminOnly: true, run: async (ctx) => json(await listHubUsers(ctx.db)) },
  { method: 'POST', path: /^\/users$/, adminOnly: true, run: async (ctx) => json(await createHubUser(ctx.db, parse(createUserInput, await ctx.body()), ctx.now())) },
  {
    method: 'POST',
    path: /^\/users\/([a-z0-9]{1,40})\/disable$/,
    adminOnly: true,
    run: async (ctx) => json(await disableHubUser(ctx.db, { id: ctx.params[0]! }, ctx.now())),
  },
];

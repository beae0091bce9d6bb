/** 用户: the 市局's console accounts, managed by a 市局管理员. */
import { createUserInput } from '../../../shared/hubConsole';
import { createHubUser, disableHubUser, listHubUsers } from '../accounts';
import { json, type Route } from '../router';
import { parse } from '../web';

export const userRoutes: Route[] = [
  { method: 'GET', path: /^\/users$/, adminOnly: true, run: async (ctx) => json(await listHubUsers(ctx.db)) },
  {
    method: 'POST',
    path: /^\/users$/,
    adminOnly: true,
    audit: '新建市局账号',
    run: async (ctx) => {
      const input = parse(createUserInput, await ctx.body());
      const user = await createHubUser(ctx.db, input, ctx.now());
      ctx.subject(`${input.login}`);
      return json(user);
    },
  },
  {
    method: 'POST',
    path: /^\/users\/([a-z0-9]{1,40})\/disable$/,
    adminOnly: true,
    audit: '停用市局账号',
    run: async (ctx) => {
      const user = await disableHubUser(ctx.db, { id: ctx.params[0]! }, ctx.now());
      ctx.subject(user.login);
      return json(user);
    },
  },
];

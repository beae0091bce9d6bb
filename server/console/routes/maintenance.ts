/** 数据维护: every branch's maintenance figures and subsidy for a year. */
import { z } from 'zod';
import { cityMaintenance } from '../../city/maintenance';
import { json, type Route } from '../router';
import { parse } from '../web';

const yearQuery = z.coerce.number({ error: '年份应为数字' }).int('年份应为整数').min(2000, '年份不早于 2000').max(2100, '年份不晚于 2100');

export const maintenanceRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/maintenance$/,
    run: async (ctx) => {
      const now = ctx.now();
      const year = parse(yearQuery, ctx.url.searchParams.get('year') ?? now.getFullYear());
      return json(await cityMaintenance(ctx.db, year, now));
    },
  },
];

/**
 * Test data for the campaign e2e test, made through the same API the UI uses: three villages, 66 customers
 * (the last six without marketing consent), every other one with a mobile, most with an ID number; and two
 * carriers. The numbers the test expects follow from the pattern:
 *   all:                      66 matched, 60 selectable, 未授权营销 6
 *   东风村 + 西山村:          44 matched, 40 selectable
 *   东风村 + 西山村 + 有手机: 22 matched, 20 selectable (10 per village)
 */
import { idCheckDigit } from '../../shared/idNumber';
import { api, type E2eApp } from './browser';

export const VILLAGES = ['东风村', '西山村', '南河村'] as const;
export const CARRIERS = [
  { login: 'toudi1', displayName: '投递员甲' },
  { login: 'toudi2', displayName: '投递员乙' },
] as const;
export const CARRIER_PASSWORD = 'Carrier-2026!';
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '建国秀英志强桂兰海燕明华玉梅春生';

function idNumber(i: number): string {
  const year = 1950 + (i % 50);
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 27) + 1).padStart(2, '0');
  const first17 = `370102${year}${month}${day}${String(100 + i).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

export async function seedCampaignData(app: Pick<E2eApp, 'page' | 'server'>): Promise<{ carrierIds: string[] }> {
  const villageIds: string[] = [];
  for (const name of VILLAGES) villageIds.push(((await api(app, 'villages.create', { name })) as { id: string }).id);
  for (let i = 0; i < 66; i++) {
    await api(app, 'customers.create', {
      name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 3 + 1) % GIVEN.length]}`,
      villageId: villageIds[i % 3],
      phone: i % 2 === 0 ? `138${String(10_000_000 + i).slice(-8)}` : null,
      idNumber: i % 4 === 3 ? null : idNumber(i),
      address: `${VILLAGES[i % 3]}${(i % 5) + 1}组${i + 1}号`,
      householdType: ['种植大户', '养殖大户', '个体工商户', '外出务工户'][i % 4],
      consent: i < 60,
      consentSource: i < 60 ? '书面签字' : null,
    });
  }
  const carrierIds: string[] = [];
  for (const c of CARRIERS) {
    carrierIds.push(((await api(app, 'users.create', { ...c, role: 'carrier', password: CARRIER_PASSWORD })) as { id: string }).id);
  }
  return { carrierIds };
}

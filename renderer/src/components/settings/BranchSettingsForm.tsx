import { App, Button, Form, Input, InputNumber, Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { BranchSettings } from '../../../../shared/domain';
import { toHalfWidth } from '../../../../shared/idNumber';
import { api } from '../../api';
import { applyProblems, errorText } from '../../lib/errors';
import { fenToYuan, yuanToFen } from '../campaign/money';
import { useCan, useSession } from '../../lib/session';
import { useSingleFlight } from '../../lib/useSingleFlight';
import { CountyPicker, type County } from '../setup/CountyPicker';

interface Values {
  branchName: string;
  householdTypes: string[];
  maintenanceAnnualTarget: number | null;
  /** In yuan on screen; fen in the contract. */
  revenueAnnualTarget: number | null;
  idleMinutes: number;
  postalCode: string;
  countyCode: string | undefined;
}

const FIELDS = ['branchName', 'householdTypes', 'maintenanceAnnualTarget', 'revenueAnnualTarget', 'idleMinutes', 'postalCode', 'countyCode'] as const;
const valuesOf = (s: BranchSettings): Values => ({
  ...s,
  revenueAnnualTarget: fenToYuan(s.revenueAnnualTarget),
  postalCode: s.postalCode ?? '',
  countyCode: s.countyCode ?? undefined,
});

/** A Chinese postal code: six digits (full-width ones typed by an IME count). */
export const postalCodeRule = {
  validator: (_: unknown, v: string | undefined) =>
    !v || /^\d{6}$/.test(toHalfWidth(v).trim()) ? Promise.resolve() : Promise.reject(new Error('邮政编码应为 6 位数字')),
};

interface Props {
  /** The branch's county as set-up named it, for the picker's label. */
  county: County | null;
  onSaved: (s: BranchSettings) => void;
}

/**
 * The branch's own settings; 管理员 and 主管 change them, everyone else reads them. What set-up decided about the
 * branch itself — its postal code and county — only an administrator changes (the backend checks it too).
 */
export function BranchSettingsForm({ county, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const [loaded, setLoaded] = useState(false);
  const { busy: saving, run } = useSingleFlight();
  const canEdit = useCan('settings.update');
  const isAdmin = useSession().user.role === 'admin';
  const { message } = App.useApp();

  useEffect(() => {
    api['settings.get']({})
      .then((s) => {
        form.setFieldsValue(valuesOf(s));
        setLoaded(true);
      })
      .catch((e: unknown) => message.error(`读取设置失败：${errorText(e)}`));
  }, [form, message]);

  const submit = (v: Values) =>
    run(async () => {
      try {
        const s = await api['settings.update']({
          branchName: v.branchName,
          householdTypes: v.householdTypes.map((t) => t.trim()).filter(Boolean),
          maintenanceAnnualTarget: v.maintenanceAnnualTarget ?? null,
          revenueAnnualTarget: yuanToFen(v.revenueAnnualTarget),
          idleMinutes: v.idleMinutes,
          ...(isAdmin ? { postalCode: toHalfWidth(v.postalCode ?? '').trim() || null, ...(v.countyCode ? { countyCode: v.countyCode } : {}) } : {}),
        });
        form.setFieldsValue(valuesOf(s));
        message.success('设置已保存');
        onSaved(s);
      } catch (e) {
        applyProblems(form, e, FIELDS);
        message.error(errorText(e));
      }
    });

  return (
    <Spin spinning={!loaded}>
      <Form form={form} name="branchSettings" layout="vertical" onFinish={submit} disabled={!canEdit} style={{ maxWidth: 560 }} autoComplete="off">
        <Form.Item
          name="branchName"
          label="网点名称"
          rules={[
            { required: true, whitespace: true, message: '请填写网点名称' },
            { max: 50, message: '网点名称不能超过 50 个字' },
          ]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="postalCode"
          label="网点邮政编码"
          rules={[postalCodeRule]}
          extra={isAdmin ? '信封上寄件人的邮编；没有单独设置邮编的乡镇、村也用它' : '信封上寄件人的邮编；只有管理员可以修改'}
        >
          <Input maxLength={8} placeholder="6 位数字，如 253000" style={{ width: 200 }} disabled={!isAdmin} />
        </Form.Item>
        <Form.Item
          name="countyCode"
          label="所在区县"
          extra={isAdmin ? '建立网点时选定；备份文件按网点名称和区县认网点，改动后此前的备份不能再恢复到本机' : '建立网点时选定；只有管理员可以修改'}
        >
          <CountyPickerField county={county} disabled={!isAdmin} />
        </Form.Item>
        <Form.Item
          name="householdTypes"
          label="户类型"
          rules={[{ required: true, type: 'array', min: 1, message: '户类型至少保留一个' }]}
          extra="六大户之外的类型可直接输入后按回车添加；客户表单中按此列表提示"
        >
          <Select mode="tags" tokenSeparators={[',', '，']} maxCount={50} open={false} suffixIcon={null} placeholder="输入后回车" />
        </Form.Item>
        <Form.Item name="maintenanceAnnualTarget" label="年度维护目标（户）" extra="不填则以全部客户数为目标">
          <InputNumber min={1} max={10_000_000} precision={0} style={{ width: 200 }} placeholder="按客户数" />
        </Form.Item>
        <Form.Item name="revenueAnnualTarget" label="年度收入目标（元）" extra="营销活动全年收入计划；报表按季度累计 25%、50%、75%、100% 画出计划线">
          <InputNumber<number> min={0.01} max={1e10} precision={2} step={1000} prefix="¥" style={{ width: 220 }} placeholder="未设置" />
        </Form.Item>
        <Form.Item
          name="idleMinutes"
          label="自动锁屏（分钟）"
          rules={[{ required: true, message: '请填写锁屏时间' }]}
          extra="多长时间没有操作后锁定屏幕，需输入密码继续"
        >
          <InputNumber min={1} max={480} precision={0} style={{ width: 200 }} />
        </Form.Item>
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={saving}>
            保存设置
          </Button>
        )}
      </Form>
    </Spin>
  );
}

/** The county picker inside the form: its label comes from what set-up chose until another county is picked. */
function CountyPickerField({
  county,
  ...field
}: {
  county: County | null;
  disabled: boolean;
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
}) {
  return <CountyPicker key={county?.code ?? ''} initial={county} {...field} />;
}

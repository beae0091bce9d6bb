import { AutoComplete, Col, Form, Input, InputNumber, Radio, Row, Select, Switch, type InputRef } from 'antd';
import { useMemo, useState, type Ref } from 'react';
import { CHANNEL_CODES, CHANNELS } from '../../../shared/campaign';
import { CONSENT_SOURCE_SUGGESTIONS, INCOME_SUGGESTIONS, SOURCE_SUGGESTIONS, TAG_SUGGESTIONS } from '../lib/constants';
import { describeIdNumber, idNumberRuleFor, isMaskedId, maxLen, phoneRule, type CustomerChoices, type CustomerFormValues } from '../lib/customerForm';
import { RevealIdButton } from './RevealIdButton';
import { VillagePicker } from './VillagePicker';

const CHANNEL_OPTIONS = CHANNEL_CODES.map((c) => ({ value: c, label: CHANNELS[c] }));
const toOptions = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

/** Case-insensitive substring match for the typed-ahead suggestion lists. */
const matches = (input: string, option?: { value?: string | number | null }) => String(option?.value ?? '').includes(input.trim());

interface Props {
  choices: CustomerChoices;
  nameRef: Ref<InputRef>;
  /** The customer being edited (none for a new one): needed to reveal a masked ID number. */
  customerId?: string | undefined;
}

/** The input fields of the customer form (the surrounding Form and buttons live in CustomerEditor). */
export function CustomerFormFields({ choices, nameRef, customerId }: Props) {
  const { villages, householdTypes } = choices;
  const form = Form.useFormInstance<CustomerFormValues>();
  const idNumber = Form.useWatch('idNumber', form);
  // The number as the form opened with it (masked for 营业员/投递员); the store holds initial values by now.
  const [originalId] = useState<string | undefined>(() => form.getFieldValue('idNumber') as string | undefined);
  const idRule = useMemo(() => idNumberRuleFor(originalId), [originalId]);
  const masked = isMaskedId(idNumber);
  const derived = describeIdNumber(idNumber);

  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="kind" label="类型">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'person', label: '个人' },
                { value: 'org', label: '单位' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="consent" label="营销授权" valuePropName="checked" tooltip="客户同意接收营销信息；未授权的客户不会被选入营销活动">
            <Switch checkedChildren="已授权" unCheckedChildren="未授权" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, maxLen(50, '姓名')]}>
        <Input ref={nameRef} maxLength={50} placeholder="必填" />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label="身份证号"
        rules={[idRule]}
        validateDebounce={300}
        extra={
          masked ? (
            <span data-testid="id-derived">
              号码已打码，不修改则保留原号码
              {customerId && <RevealIdButton customerId={customerId} onRevealed={(full) => form.setFieldValue('idNumber', full)} />}
            </span>
          ) : derived ? (
            <span data-testid="id-derived">{derived}</span>
          ) : (
            '18 位，末位可为 X；出生日期和性别将自动识别'
          )
        }
      >
        <Input maxLength={20} placeholder="可不填" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="phone" label="手机" rules={[phoneRule('手机')]} validateDebounce={300}>
            <Input maxLength={20} placeholder="11 位手机号" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="landline" label="座机" rules={[phoneRule('座机')]} validateDebounce={300}>
            <Input maxLength={20} placeholder="带区号，如 0534-2345678" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="villageId" label="行政村">
            <VillagePicker villages={villages} allowNational />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="groupName" label="自然村/组" rules={[maxLen(50, '自然村/组')]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label="地址" rules={[maxLen(200, '地址')]}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="householdType" label="户类型" rules={[maxLen(20, '户类型')]}>
            <AutoComplete options={toOptions(householdTypes)} showSearch={{ filterOption: matches }} placeholder="选择或输入" allowClear />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="incomeBand" label="收入档次" rules={[maxLen(20, '收入档次')]}>
            <AutoComplete options={toOptions(INCOME_SUGGESTIONS)} showSearch={{ filterOption: matches }} placeholder="选择或输入" allowClear />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="tags" label="标签" tooltip="目标人群，如教师、私家车主；可输入新标签后按回车">
        <Select mode="tags" options={toOptions(TAG_SUGGESTIONS)} placeholder="选择或输入后回车" tokenSeparators={[',', '，', ' ']} maxCount={30} />
      </Form.Item>
      <Form.Item
        name="noContact"
        label="拒绝接触渠道"
        tooltip="客户要求不再通过这些渠道联系：商函、短信、电话名单和投递员的走访清单都会自动排除；其他渠道仍可联系"
      >
        <Select mode="multiple" allowClear options={CHANNEL_OPTIONS} placeholder="客户没有要求则留空" data-testid="no-contact" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="source" label="来源" rules={[maxLen(50, '来源')]} tooltip="数据须合法取得：请如实填写来源">
            <AutoComplete options={toOptions(SOURCE_SUGGESTIONS)} showSearch={{ filterOption: matches }} placeholder="选择或输入" allowClear />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="consentSource" label="授权来源" rules={[maxLen(50, '授权来源')]} tooltip="客户在何处、以何种方式同意营销">
            <AutoComplete options={toOptions(CONSENT_SOURCE_SUGGESTIONS)} showSearch={{ filterOption: matches }} placeholder="选择或输入" allowClear />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="influence" label="影响力" tooltip="能带来多少亲友或客户（意见领袖）">
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} placeholder="人数" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="referrer" label="推荐人" rules={[maxLen(50, '推荐人')]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="interests" label="兴趣爱好" rules={[maxLen(200, '兴趣爱好')]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label="备注" rules={[maxLen(1000, '备注')]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
      </Form.Item>
    </>
  );
}

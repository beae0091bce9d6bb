/** Suggestions offered in the customer form; clerks may type others. Lists come from the marketing plans. */
export const TAG_SUGGESTIONS = ['公务精英', '医生护士', '教师', '初高中毕业生', '夕阳红', '私家车主', '打工族', '民营企业家', '意见领袖'];
export const INCOME_SUGGESTIONS = ['高', '较高', '中等', '较低', '低'];
export const CONSENT_SOURCE_SUGGESTIONS = ['书面签字', '活动报名表', '电话确认', '短信回复'];
export const SOURCE_SUGGESTIONS = ['客户登记', '活动报名', '合作交换', '生产系统导出', '投递员走访'];

/** Rows fetched per request; large enough that scrolling rarely waits, small enough to ship in a few ms. */
export const CUSTOMER_PAGE_SIZE = 500;

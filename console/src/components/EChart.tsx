// The console's ECharts parts are registered before any chart is made.
import './echarts';

export { EChart } from '../../../shared/ui/EChart';

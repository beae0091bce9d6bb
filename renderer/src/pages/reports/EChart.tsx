// The dashboard's ECharts parts are registered before any chart is made.
import './charts/echarts';

export { EChart } from '../../../../shared/ui/EChart';

export { gradientDescentPlan } from './gradient-descent-plan';
export type {
  GradientDescentMode,
  GradientDescentPlan,
  GradientDescentPlanOptions,
} from './gradient-descent-plan';

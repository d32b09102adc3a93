// Components article authors can use in MDX without importing them. See CONTRIBUTING.md.
import BusinessHours from "./BusinessHours.astro";
import Callout from "./Callout.astro";
import ChannelDirectory from "./ChannelDirectory.astro";
import Checklist from "./Checklist.astro";
import DepartmentRouting from "./DepartmentRouting.astro";
import IntakeRoutes from "./IntakeRoutes.astro";
import NamingRules from "./NamingRules.astro";
import PlanPrice from "./PlanPrice.astro";
import PlanPrices from "./PlanPrices.astro";
import PriorityTable from "./PriorityTable.astro";
import ResponseTarget from "./ResponseTarget.astro";
import SlaTable from "./SlaTable.astro";
import Steps from "./Steps.astro";
import SupportContact from "./SupportContact.astro";

export const mdxComponents = {
  BusinessHours,
  Callout,
  ChannelDirectory,
  Checklist,
  DepartmentRouting,
  IntakeRoutes,
  NamingRules,
  PlanPrice,
  PlanPrices,
  PriorityTable,
  ResponseTarget,
  SlaTable,
  Steps,
  SupportContact,
};

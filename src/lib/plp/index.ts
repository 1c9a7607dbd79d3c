export * from './access';
export * from './schema';
export { Collection } from './collection';
export { Plan, type PlanSnapshot } from './plan';
export { FamilyPart } from './family';
export { migratePlan, MIGRATION_ORIGIN, type MigrationResult } from './migrations';
export { newId, today } from './ids';
export { applyTyping, diffText, transformPosition, type TextDelta } from './text';

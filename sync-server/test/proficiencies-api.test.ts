/** The proficiency framework API's suite (proficiencies-suite.ts) on the default engine, the SQLite file. */
import { describeFrameworkApi, sqliteFrameworks } from './proficiencies-suite';

describeFrameworkApi(sqliteFrameworks);

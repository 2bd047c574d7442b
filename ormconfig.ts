// The DataSource of the TypeORM CLI (npm run migration:*). It uses the same options as the app.
import { DataSource } from 'typeorm';
import { loadConfig, loadDotEnv } from './src/config/load-config';
import { dataSourceOptions } from './src/database/data-source-options';

loadDotEnv();
const config = loadConfig(process.env);

export default new DataSource(dataSourceOptions(config.database));

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

/** For the TypeORM CLI (migration:generate / migration:run). Needs DATABASE_URL. */
const url = process.env['DATABASE_URL'];
if (!url) throw new Error('DATABASE_URL is required for the TypeORM CLI');

export default new DataSource(typeormOptions(url));

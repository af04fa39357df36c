import 'reflect-metadata';
import { runService } from '@trajectwacht/platform';
import { createIngestApp } from './app';

runService('ingest', () => createIngestApp(), 'INGEST_PORT');

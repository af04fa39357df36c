import 'reflect-metadata';
import { runService } from '@trajectwacht/platform';
import { createSignalsApp } from './app';

runService('signals', () => createSignalsApp(), 'SIGNALS_PORT');

import 'reflect-metadata';
import { runService } from '@trajectwacht/platform';
import { createMonitorApp } from './app';

runService('monitor', () => createMonitorApp(), 'MONITOR_PORT');

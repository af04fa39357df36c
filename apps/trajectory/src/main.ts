import 'reflect-metadata';
import { runService } from '@trajectwacht/platform';
import { createTrajectoryApp } from './app';

runService('trajectory', () => createTrajectoryApp(), 'TRAJECTORY_PORT');

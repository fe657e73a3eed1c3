/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  // One copy of yjs per process: resolve the CommonJS build everywhere.
  moduleNameMapper: {
    '^yjs$': '<rootDir>/node_modules/yjs/dist/yjs.cjs',
  },
  testTimeout: 30000,
  slowTestThreshold: 20,
};

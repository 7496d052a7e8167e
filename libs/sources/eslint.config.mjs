import { pureLibrary } from '../../eslint.config.mjs';

export default await pureLibrary();

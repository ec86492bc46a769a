/**
 * Installs every method group on `Tensor.prototype` (see `method-group.ts`). Imported for its
 * side effect by the package barrel and by `creation.ts`, before any tensor is made.
 */
import './views';
import './conversion';
import './elementwise-binary';
import './unary-math';
import './comparison';
import './bitwise';
import './in-place';
import './random';
import './reductions';
import './softmax';
import './cumulative';
import './sorting';
import './linalg';
import './indexing';
import './reshaping';
import './async-reads';

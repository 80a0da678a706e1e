"""What a project holds for the green design evidence pack.

* :mod:`.credit_code`: the unified social credit code (统一社会信用代码) and its check
  character (GB 32100-2015);
* :mod:`.record`: the evidence record kept in the project (applicant, management system
  certificates, the chosen specification profile, the evidence register);
* :mod:`.spec_model`: a product-category specification profile (the conformity table of a
  绿色设计产品评价技术规范: basic requirements and indicators);
* :mod:`.specification`: the bundled profiles, import from JSON or XLSX, the XLSX template;
* :mod:`.attachments`: the files beside the project (``<stem>.evidence/``), copied
  atomically and checked by SHA-256;
* :mod:`.conformity`: each indicator's value, pass / fail / not assessed and its evidence;
* :mod:`.completeness`: what stands between the project and a submittable pack.

:mod:`greendesign.model.product` imports :mod:`.record` (the project's ``evidence`` field), so
:mod:`.record` and :mod:`.spec_model` stay free of the scoring and LCA layers. This file imports
the product model first: whichever of the two packages is imported first, the model is then
complete before :mod:`.record` is read.
"""

import greendesign.model  # noqa: F401 - the import order described above

"""Green design scores: lightweighting, modularity and disassembly, recyclability and
circularity, the green design index and improvement suggestions.

Formulas and their sources are in the docstrings of the modules and in
``docs/scoring.md``. Nothing here imports Qt or the LCA engine: GWP enters as
optional callables (material code -> kg CO2-eq per kg).
"""

from greendesign.scoring.data import (
    JointData,
    RepairabilityScale,
    RestrictedSubstance,
    ScoringDataError,
    joint_table,
    read_joint_table,
    read_repairability_scale,
    read_restricted_substances,
    repairability_scale,
    restricted_substances,
)
from greendesign.scoring.disassembly import (
    DisassemblyPath,
    JointGraph,
    Repairability,
    disassembly_path,
    full_disassembly_time,
    joint_graph,
    joint_shares,
    modularity_q,
    newman_q,
    priority_paths,
    repairability,
)
from greendesign.scoring.index import (
    IndexResult,
    Indicator,
    Profile,
    ProfileError,
    evaluate_index,
    load_profiles,
    parse_profile,
    profile_for,
    read_profile,
    user_profile_dir,
)
from greendesign.scoring.lightweight import (
    AshbyResult,
    BreakEven,
    MassSummary,
    ashby_advisor,
    mass_reduction,
    mass_summary,
    material_gwp,
    material_index,
    use_phase_break_even,
)
from greendesign.scoring.metrics import METRICS, ProductScores, ScoreInputs, score_product
from greendesign.scoring.recyclability import (
    Circularity,
    Finding,
    MaterialFlow,
    Recyclability,
    combination_findings,
    marking_findings,
    material_circularity,
    mci_from_flows,
    part_fates,
    recyclability,
    recycled_content,
    restricted_substance_findings,
    utility_factor,
)
from greendesign.scoring.report import format_score_table, score_json
from greendesign.scoring.suggestions import Suggestion, suggest_improvements

__all__ = [
    "METRICS", "AshbyResult", "BreakEven", "Circularity", "DisassemblyPath", "Finding",
    "IndexResult", "Indicator", "JointData", "JointGraph", "MassSummary", "MaterialFlow",
    "ProductScores", "Profile", "ProfileError", "Recyclability", "Repairability",
    "RepairabilityScale", "RestrictedSubstance", "ScoreInputs", "ScoringDataError", "Suggestion",
    "ashby_advisor", "combination_findings", "disassembly_path", "evaluate_index",
    "format_score_table", "full_disassembly_time", "joint_graph", "joint_shares", "joint_table",
    "load_profiles", "marking_findings", "mass_reduction", "mass_summary", "material_circularity",
    "material_gwp", "material_index", "mci_from_flows", "modularity_q", "newman_q",
    "parse_profile", "part_fates", "priority_paths", "profile_for", "read_joint_table",
    "read_profile", "read_repairability_scale", "read_restricted_substances", "recyclability",
    "recycled_content", "repairability", "repairability_scale", "restricted_substance_findings",
    "restricted_substances", "score_json", "score_product", "suggest_improvements",
    "use_phase_break_even", "user_profile_dir", "utility_factor",
]

"""arXiv's subject taxonomy: archives, their OAI-PMH sets, and categories with their names."""

from __future__ import annotations

import re
from dataclasses import dataclass

# archive code | archive name | OAI-PMH set (physics archives sit under "physics:")
_ARCHIVES = """
cs|Computer Science|cs
econ|Economics|econ
eess|Electrical Engineering and Systems Science|eess
math|Mathematics|math
q-bio|Quantitative Biology|q-bio
q-fin|Quantitative Finance|q-fin
stat|Statistics|stat
astro-ph|Astrophysics|physics:astro-ph
cond-mat|Condensed Matter|physics:cond-mat
gr-qc|General Relativity and Quantum Cosmology|physics:gr-qc
hep-ex|High Energy Physics - Experiment|physics:hep-ex
hep-lat|High Energy Physics - Lattice|physics:hep-lat
hep-ph|High Energy Physics - Phenomenology|physics:hep-ph
hep-th|High Energy Physics - Theory|physics:hep-th
math-ph|Mathematical Physics|physics:math-ph
nlin|Nonlinear Sciences|physics:nlin
nucl-ex|Nuclear Experiment|physics:nucl-ex
nucl-th|Nuclear Theory|physics:nucl-th
physics|Physics|physics:physics
quant-ph|Quantum Physics|physics:quant-ph
"""

_CATEGORIES = """
cs.AI|Artificial Intelligence
cs.AR|Hardware Architecture
cs.CC|Computational Complexity
cs.CE|Computational Engineering, Finance, and Science
cs.CG|Computational Geometry
cs.CL|Computation and Language
cs.CR|Cryptography and Security
cs.CV|Computer Vision and Pattern Recognition
cs.CY|Computers and Society
cs.DB|Databases
cs.DC|Distributed, Parallel, and Cluster Computing
cs.DL|Digital Libraries
cs.DM|Discrete Mathematics
cs.DS|Data Structures and Algorithms
cs.ET|Emerging Technologies
cs.FL|Formal Languages and Automata Theory
cs.GL|General Literature
cs.GR|Graphics
cs.GT|Computer Science and Game Theory
cs.HC|Human-Computer Interaction
cs.IR|Information Retrieval
cs.IT|Information Theory
cs.LG|Machine Learning
cs.LO|Logic in Computer Science
cs.MA|Multiagent Systems
cs.MM|Multimedia
cs.MS|Mathematical Software
cs.NA|Numerical Analysis
cs.NE|Neural and Evolutionary Computing
cs.NI|Networking and Internet Architecture
cs.OH|Other Computer Science
cs.OS|Operating Systems
cs.PF|Performance
cs.PL|Programming Languages
cs.RO|Robotics
cs.SC|Symbolic Computation
cs.SD|Sound
cs.SE|Software Engineering
cs.SI|Social and Information Networks
cs.SY|Systems and Control
econ.EM|Econometrics
econ.GN|General Economics
econ.TH|Theoretical Economics
eess.AS|Audio and Speech Processing
eess.IV|Image and Video Processing
eess.SP|Signal Processing
eess.SY|Systems and Control
math.AC|Commutative Algebra
math.AG|Algebraic Geometry
math.AP|Analysis of PDEs
math.AT|Algebraic Topology
math.CA|Classical Analysis and ODEs
math.CO|Combinatorics
math.CT|Category Theory
math.CV|Complex Variables
math.DG|Differential Geometry
math.DS|Dynamical Systems
math.FA|Functional Analysis
math.GM|General Mathematics
math.GN|General Topology
math.GR|Group Theory
math.GT|Geometric Topology
math.HO|History and Overview
math.IT|Information Theory
math.KT|K-Theory and Homology
math.LO|Logic
math.MG|Metric Geometry
math.MP|Mathematical Physics
math.NA|Numerical Analysis
math.NT|Number Theory
math.OA|Operator Algebras
math.OC|Optimization and Control
math.PR|Probability
math.QA|Quantum Algebra
math.RA|Rings and Algebras
math.RT|Representation Theory
math.SG|Symplectic Geometry
math.SP|Spectral Theory
math.ST|Statistics Theory
q-bio.BM|Biomolecules
q-bio.CB|Cell Behavior
q-bio.GN|Genomics
q-bio.MN|Molecular Networks
q-bio.NC|Neurons and Cognition
q-bio.OT|Other Quantitative Biology
q-bio.PE|Populations and Evolution
q-bio.QM|Quantitative Methods
q-bio.SC|Subcellular Processes
q-bio.TO|Tissues and Organs
q-fin.CP|Computational Finance
q-fin.EC|Economics
q-fin.GN|General Finance
q-fin.MF|Mathematical Finance
q-fin.PM|Portfolio Management
q-fin.PR|Pricing of Securities
q-fin.RM|Risk Management
q-fin.ST|Statistical Finance
q-fin.TR|Trading and Market Microstructure
stat.AP|Applications
stat.CO|Computation
stat.ME|Methodology
stat.ML|Machine Learning
stat.OT|Other Statistics
stat.TH|Statistics Theory
astro-ph.CO|Cosmology and Nongalactic Astrophysics
astro-ph.EP|Earth and Planetary Astrophysics
astro-ph.GA|Astrophysics of Galaxies
astro-ph.HE|High Energy Astrophysical Phenomena
astro-ph.IM|Instrumentation and Methods for Astrophysics
astro-ph.SR|Solar and Stellar Astrophysics
cond-mat.dis-nn|Disordered Systems and Neural Networks
cond-mat.mes-hall|Mesoscale and Nanoscale Physics
cond-mat.mtrl-sci|Materials Science
cond-mat.other|Other Condensed Matter
cond-mat.quant-gas|Quantum Gases
cond-mat.soft|Soft Condensed Matter
cond-mat.stat-mech|Statistical Mechanics
cond-mat.str-el|Strongly Correlated Electrons
cond-mat.supr-con|Superconductivity
gr-qc|General Relativity and Quantum Cosmology
hep-ex|High Energy Physics - Experiment
hep-lat|High Energy Physics - Lattice
hep-ph|High Energy Physics - Phenomenology
hep-th|High Energy Physics - Theory
math-ph|Mathematical Physics
nlin.AO|Adaptation and Self-Organizing Systems
nlin.CD|Chaotic Dynamics
nlin.CG|Cellular Automata and Lattice Gases
nlin.PS|Pattern Formation and Solitons
nlin.SI|Exactly Solvable and Integrable Systems
nucl-ex|Nuclear Experiment
nucl-th|Nuclear Theory
physics.acc-ph|Accelerator Physics
physics.ao-ph|Atmospheric and Oceanic Physics
physics.app-ph|Applied Physics
physics.atm-clus|Atomic and Molecular Clusters
physics.atom-ph|Atomic Physics
physics.bio-ph|Biological Physics
physics.chem-ph|Chemical Physics
physics.class-ph|Classical Physics
physics.comp-ph|Computational Physics
physics.data-an|Data Analysis, Statistics and Probability
physics.ed-ph|Physics Education
physics.flu-dyn|Fluid Dynamics
physics.gen-ph|General Physics
physics.geo-ph|Geophysics
physics.hist-ph|History and Philosophy of Physics
physics.ins-det|Instrumentation and Detectors
physics.med-ph|Medical Physics
physics.optics|Optics
physics.plasm-ph|Plasma Physics
physics.pop-ph|Popular Physics
physics.soc-ph|Physics and Society
physics.space-ph|Space Physics
quant-ph|Quantum Physics
"""

_OLD_ALIASES = {"math.mp": "math-ph", "stat.th": "math.ST", "math.it": "cs.IT"}
_SHAPE = re.compile(r"^[a-z][a-z\-]*(\.[A-Za-z\-]+)?$", re.I)


@dataclass(frozen=True, slots=True)
class Archive:
    """One archive (cs, math, hep-th …): its name and the OAI-PMH set that holds it."""

    code: str
    name: str
    oai_set: str


@dataclass(frozen=True, slots=True)
class Category:
    """One category (cs.CV), its name, and its archive."""

    code: str
    name: str
    archive: str
    order: int


def _table(text: str) -> list[list[str]]:
    """Rows of a `|`-separated table."""
    return [line.split("|") for line in text.strip().splitlines()]


ARCHIVES: dict[str, Archive] = {c: Archive(c, n, s) for c, n, s in _table(_ARCHIVES)}
CATEGORIES: dict[str, Category] = {
    code: Category(code, name, code.split(".")[0], order)
    for order, (code, name) in enumerate(_table(_CATEGORIES))
}
_BY_LOWER = {code.lower(): code for code in CATEGORIES}


def archive_of(category: str) -> str:
    """The archive code of a category ("cs.CV" -> "cs", "hep-th" -> "hep-th")."""
    return category.split(".", 1)[0]


def canonical(category: str) -> str | None:
    """The category's canonical spelling ("CS.cv" -> "cs.CV"); an archive code stays as is;
    None when arXiv has no such category or archive."""
    key = category.strip().lower()
    if key in ARCHIVES:
        return key
    return _BY_LOWER.get(_OLD_ALIASES.get(key, key).lower())


def category_name(category: str) -> str:
    """The category's full name ("cs.CV" -> "Computer Vision and Pattern Recognition")."""
    known = CATEGORIES.get(category)
    if known:
        return known.name
    archive = ARCHIVES.get(category)
    return archive.name if archive else category


def archive_name(archive: str) -> str:
    """The archive's full name ("cs" -> "Computer Science")."""
    known = ARCHIVES.get(archive)
    return known.name if known else archive


def oai_set(category: str) -> str:
    """The OAI-PMH set holding a category or archive ("cs.CV" -> "cs")."""
    archive = ARCHIVES.get(archive_of(category))
    return archive.oai_set if archive else archive_of(category)


def archives_in_set(spec: str) -> set[str]:
    """The archive codes an OAI-PMH set covers ("physics" covers every physics archive)."""
    return {
        a.code for a in ARCHIVES.values() if a.oai_set == spec or a.oai_set.startswith(spec + ":")
    }


def looks_like_category(text: str) -> bool:
    """True when text has a category's shape (used to explain an unknown one)."""
    return bool(_SHAPE.match(text.strip()))

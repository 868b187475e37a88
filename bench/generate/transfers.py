"""Business-transfer chains up to depth 20 moving a product along, with forks (one transferor,
two transferees), merges (another company hands business into a chain) and the odd cycle."""

from __future__ import annotations

import itertools

from bench.generate.base import Company
from bench.generate.companies import Companies
from bench.generate.turtle import Day
from kg.vocab import DATA


class Transfers(Companies):
    """The chains, over the companies made so far (a chain's head without a product launches
    one, hence Companies)."""

    def _transfers(self, companies: list[Company]) -> None:
        """Chains of business transfers: the benchmark's fixed depths, then random ones."""
        rng = self.rng
        pool = companies[:]
        rng.shuffle(pool)
        n = len(companies)
        plan = ([20] * max(2, n // 500)) + ([5] * max(2, n // 250)) + ([1] * max(2, n // 250))
        n_special = len(plan)
        used = sum(d + 1 for d in plan)
        while used < n * 0.55:
            length = min(20, 1 + int(rng.expovariate(0.35)))
            plan.append(length)
            used += length + 1
        self.transfer_count = 0
        for number, depth in enumerate(plan):
            if len(pool) < depth + 1:
                break
            chain = [pool.pop() for _ in range(depth + 1)]
            special = number < n_special
            cycle = (depth >= 3 and rng.random() < 0.03) or (
                special and depth == 20 and number == 1
            )
            self._chain(chain, pool, special, cycle, number)
            self.manifest.starts.append([depth, chain[0].short])
            if special:
                key = str(depth)
                self.manifest.lineage.setdefault(key, []).append(chain[0].short)
                self.manifest.lineage_iris.setdefault(key, []).append(
                    f"{DATA}company/{chain[0].slug}"
                )

    def _chain(
        self, chain: list[Company], pool: list[Company], special: bool, cycle: bool, number: int
    ) -> None:
        rng = self.rng
        head = chain[0]
        product = head.product or self._product(
            head, f"company:{head.slug}", f"{head.slug}-chain-product"
        )
        if not self.manifest.product and special and len(chain) == 21:
            self.manifest.product = product.replace("product:", f"{DATA}product/")
        when = self.later(head.founded, 2)
        for step, (a, b) in enumerate(itertools.pairwise(chain)):
            transferees = [b]
            if pool and rng.random() < 0.15:  # a fork: one transferor, two transferees
                transferees.append(pool.pop())
            when = self.later(when, 1)
            self._transfer(f"t{number}-{step}", a, transferees, product, when)
        if pool and rng.random() < 0.2:  # a merge: another company hands business into the chain
            into = rng.choice(chain[1:])
            self._transfer(f"t{number}-merge", pool.pop(), [into], None, self.later(when, 1))
        if cycle:  # the odd cycle: the last company hands the business back to the first
            self._transfer(f"t{number}-back", chain[-1], [head], product, self.later(when, 1))

    def _transfer(
        self, slug: str, a: Company, bs: list[Company], product: str | None, when: Day
    ) -> None:
        roles = [("fr:transferor", f"company:{a.slug}")]
        roles += [("fr:transferee", f"company:{b.slug}") for b in bs]
        if product:
            roles.append(("fr:transferredScope", product))
        to_zh = "、".join(b.short for b in bs)
        to_en = ", ".join(b.english for b in bs)
        self.w["events-transfers"].write(
            self.event(
                f"{slug}-{a.slug}-business-transfer",
                "BusinessTransfer",
                f"{a.short}的业务转由{to_zh}承接。",
                f"{a.english} hands its business to {to_en.rstrip('.')}.",
                roles,
                when,
                bound=self.rng.random() < 0.2,
            )
        )
        for c in (a, *bs):
            c.events += 1

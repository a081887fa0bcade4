import pytest

from projects.reader.legal_forms import canonical_partner, kind_for
from projects.reader.text import clean


@pytest.mark.parametrize(
    ("written", "name", "legal_form"),
    [
        ("(株)レッドイーグルス北海道", "株式会社レッドイーグルス北海道", "株式会社"),
        ("早坂理工(株)", "早坂理工株式会社", "株式会社"),
        ("(公財) 苫小牧市スポーツ協会", "公益財団法人苫小牧市スポーツ協会", "公益財団法人"),
        ("NPO法人 樽前artyプラス", "特定非営利活動法人樽前artyプラス", "特定非営利活動法人"),
        ("㈱苫東", "株式会社苫東", "株式会社"),
        (
            "(地独)北海道立総合研究機構工業試験場",
            "地方独立行政法人北海道立総合研究機構工業試験場",
            "地方独立行政法人",
        ),
        ("(一社)北海道機械工業会", "一般社団法人北海道機械工業会", "一般社団法人"),
    ],
)
def test_it_writes_the_seeds_abbreviations_in_full_where_they_stand(written, name, legal_form):
    assert canonical_partner(written) == (name, legal_form)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("（株）苫小牧商事", "株式会社苫小牧商事"),
        ("苫小牧商事 （有）", "苫小牧商事有限会社"),
        ("㈲苫小牧商事", "有限会社苫小牧商事"),
        ("㈳苫小牧協会", "社団法人苫小牧協会"),
        ("㈶苫小牧財団", "財団法人苫小牧財団"),
        ("(合)苫小牧ラボ", "合同会社苫小牧ラボ"),
        ("(社福)苫小牧福祉会", "社会福祉法人苫小牧福祉会"),
        ("(福)苫小牧福祉会", "社会福祉法人苫小牧福祉会"),
        ("(社)苫小牧協会", "社団法人苫小牧協会"),
        ("(国大)北海道大学", "国立大学法人北海道大学"),
        ("(国)北海道大学", "国立大学法人北海道大学"),
        ("(独)国立病院機構", "独立行政法人国立病院機構"),
        ("(特非)とまこまい", "特定非営利活動法人とまこまい"),
        ("npo法人とまこまい", "特定非営利活動法人とまこまい"),
        ("ＮＰＯ法人とまこまい", "特定非営利活動法人とまこまい"),
        ("(生協)コープ", "生活協同組合コープ"),
        ("( 公財 )苫小牧", "公益財団法人苫小牧"),
    ],
)
def test_it_writes_every_abbreviation_of_the_glossary_in_full(written, name):
    assert canonical_partner(written)[0] == name


def test_it_takes_text_still_damaged_by_wrapping():
    assert canonical_partner("(公財) 苫小牧市ス ポーツ協会") == canonical_partner(
        "公益財団法人苫小牧市スポーツ協会"
    )


@pytest.mark.parametrize(
    ("written", "legal_form"),
    [
        ("株式会社苫小牧民報社", "株式会社"),
        ("苫小牧港開発株式会社", "株式会社"),
        ("公益財団法人苫小牧市スポーツ協会", "公益財団法人"),
        ("財団法人苫小牧財団", "財団法人"),
        ("地方独立行政法人北海道立総合研究機構", "地方独立行政法人"),
        ("独立行政法人中小企業基盤整備機構北海道本部", "独立行政法人"),
        ("社会福祉法人苫小牧市社会福祉協議会", "社会福祉法人"),
        ("苫小牧造園協同組合", "協同組合"),
    ],
)
def test_it_recognises_a_name_written_with_the_full_form(written, legal_form):
    assert canonical_partner(written) == (written, legal_form)


def test_it_removes_the_space_after_a_full_form():
    assert canonical_partner("株式会社 ABC") == ("株式会社ABC", "株式会社")


def test_a_name_without_legal_form_is_kept_as_written():
    assert canonical_partner("QCサークル北海道支部") == ("QCサークル北海道支部", "")
    assert canonical_partner("えがおの花咲く写真展 in 苫小牧2023実行委員会")[1] == ""


def test_an_abbreviation_inside_a_name_is_not_expanded():
    assert canonical_partner("苫小牧(株)商事") == ("苫小牧(株)商事", "")


def test_all_spellings_of_one_body_give_one_name():
    spellings = [
        "(公財) 苫小牧市ス ポーツ協会",
        "（公財）苫小牧市スポーツ協会",
        "公益財団法人苫小牧市スポーツ協会",
    ]
    assert {canonical_partner(clean(s))[0] for s in spellings} == {
        "公益財団法人苫小牧市スポーツ協会"
    }


@pytest.mark.parametrize(
    ("name", "legal_form", "kind"),
    [
        ("株式会社苫小牧民報社", "株式会社", "company"),
        ("苫小牧商事有限会社", "有限会社", "company"),
        ("公益財団法人苫小牧市スポーツ協会", "公益財団法人", "public_interest"),
        ("一般社団法人苫小牧建設協会", "一般社団法人", "public_interest"),
        ("社会福祉法人苫小牧福祉会", "社会福祉法人", "public_interest"),
        ("特定非営利活動法人樽前artyプラス", "特定非営利活動法人", "npo"),
        ("学校法人苫小牧学園", "学校法人", "education"),
        ("国立大学法人北海道大学", "国立大学法人", "education"),
        ("独立行政法人中小企業基盤整備機構北海道本部", "独立行政法人", "government"),
        ("地方独立行政法人北海道立総合研究機構工業試験場", "地方独立行政法人", "government"),
    ],
)
def test_the_legal_form_decides_the_kind_first(name, legal_form, kind):
    assert kind_for(name, legal_form) == kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("北海道職業能力開発大学校", "education"),
        ("苫小牧工業高校", "education"),
        ("苫小牧市立緑小学校", "education"),
        ("安平町", "government"),
        ("苫小牧市", "government"),
        ("安平町教育委員会", "government"),
        ("苫小牧保健所", "government"),
        ("北海道経済産業局", "government"),
        ("北海道", "government"),
        ("ノーザンホースパークマラソン実行委員会", "committee"),
        ("えがおの花咲く写真展 in 苫小牧2023実行委員会", "committee"),
        ("町内会", "community"),
        ("苫小牧市子ども会育成連絡協議会", "community"),
        ("安平町体育協会", "community"),
        ("苫小牧商工会議所", "community"),
        ("苫小牧読み聞かせ文庫活動連絡会", "community"),
        ("QCサークル北海道支部苫小牧・千歳地区", "other"),
        ("苫小牧市男女平等参画推進センター", "other"),
    ],
)
def test_the_ending_of_the_name_decides_the_kind_without_legal_form(name, kind):
    assert kind_for(name, "") == kind


def test_a_full_form_in_the_name_decides_through_canonical_partner():
    assert kind_for(*canonical_partner("早坂理工(株)")) == "company"


def test_the_kinds_are_values_of_partner_kind():
    from partners.models import PartnerKind

    names = ["株式会社A", "公益財団法人A", "特定非営利活動法人A", "A市", "A町内会", "A実行委員会"]
    names += ["A大学", "A"]
    kinds = {kind_for(*canonical_partner(name)) for name in names}
    assert kinds == set(PartnerKind.values)

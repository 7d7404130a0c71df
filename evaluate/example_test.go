package evaluate_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/payscreen/payscreen/evaluate"
	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

func ExampleEvaluate() {
	set, err := lists.Sample()
	if err != nil {
		log.Fatal(err)
	}
	labels, err := evaluate.ReadLabels(strings.NewReader(`id,name,type,dob,expect,source,entity_id
1,"SIM, Hyon Sop",person,1983-11-25,block,ofac_sdn,42498
2,Vitaly Andreev,person,,review,ofac_sdn,55065
3,John Smith,person,1970-01-01,clear,,
`), "labels.csv", evaluate.CSV)
	if err != nil {
		log.Fatal(err)
	}
	ev, err := evaluate.Evaluate(context.Background(), set, screening.DefaultPolicy(), labels, evaluate.Options{Resamples: -1})
	if err != nil {
		log.Fatal(err)
	}
	o := ev.Overall
	fmt.Printf("recall %d/%d, alert rate %d/%d, block precision %d/%d\n",
		o.Recall.Num, o.Recall.Den, o.AlertRate.Num, o.AlertRate.Den, o.BlockPrecision.Num, o.BlockPrecision.Den)

	s, err := ev.Suggest(evaluate.Targets{Recall: 1, BlockPrecision: 0.99})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("suggested review %.2f, block %.2f\n", s.Review, s.Block)
	// Output:
	// recall 2/2, alert rate 0/1, block precision 1/1
	// suggested review 0.90, block 0.90
}

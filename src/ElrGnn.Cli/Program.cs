Console.WriteLine("elrgnn: work in progress");
